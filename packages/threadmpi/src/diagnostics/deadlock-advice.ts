/**
 * The "what to do about it" part of a deadlock report: from the wait-for graph, recognise the
 * classic mistakes of people learning MPI and name their usual fixes.
 *
 *   head-to-head sends   every rank in a cycle sends first (unsafe: it relied on buffering)
 *   receive cycle        every rank in a cycle receives first, so nobody sends
 *   missing send/recv    a rank waits for a rank that has finished (often a tag mismatch)
 *   too many receives    an ANY_SOURCE receive when every possible sender has finished
 *   skipped collective   a rank is in a collective that its peer has not called
 *   lock never released  a rank waits for a window lock its holder keeps (finished, or waiting itself)
 */
import type { BlockedRank, DeadlockGraph } from '../errors.js';
import { waitEdges } from './wait-graph.js';
import { collectiveName, kindsOf, type CallKind } from './call-kinds.js';

const EXCHANGE_FIXES: readonly string[] = [
  'Ways to fix it:',
  '  - opposite order: even ranks send then receive, odd ranks receive then send',
  '  - nonblocking: start both with Isend/Irecv (isend/irecv), then complete them with Request.waitall',
  '  - Sendrecv (sendrecv): one call that pairs the send with the receive',
  '  - receive first: post Irecv (irecv) before sending, then wait for it',
];

export function deadlockAdvice(graph: DeadlockGraph): string[] {
  const finished = new Set(graph.finished);
  const lines = graph.blocked.flatMap((b) => finishedPeerAdvice(b, finished));
  if (graph.cycle.length > 0) lines.push(...cycleAdvice(graph));
  if (lines.length === 0) lines.push('Every unfinished rank is blocked, and none of them can be released by another.');
  return lines;
}

function only(kinds: Set<CallKind>, kind: CallKind): boolean {
  return kinds.size === 1 && kinds.has(kind);
}

function commOf(call: string): string | undefined {
  return /comm=([^,)\]]+)/.exec(call)?.[1];
}

/** Advice for a rank whose wait depends on ranks that have already returned. */
function finishedPeerAdvice(b: BlockedRank, finished: ReadonlySet<number>): string[] {
  const peers = waitEdges(b);
  const gone = peers.filter((r) => finished.has(r));
  if (gone.length === 0) return [];
  const kinds = kindsOf(b.call);
  if (b.waitsFor.kind === 'any') {
    if (gone.length < peers.length) return [];
    return [
      `rank ${b.rank} waits for a message from any rank, but every rank that could send it has finished:`,
      '  it posts more receives than the others send messages. Count the sends and the receives.',
    ];
  }
  const who = gone.length === 1 ? `rank ${gone[0]}` : `ranks ${gone.join(', ')}`;
  const collective = collectiveName(b.call);
  if (collective !== undefined) {
    return [
      `rank ${b.rank} is in ${collective}, which needs ${who}, but ${gone.length === 1 ? 'it has' : 'they have'} finished: every rank of a communicator must make`,
      '  the same collective calls, and complete them (wait for nonblocking ones) before it returns.',
    ];
  }
  if (kinds.has('lock')) {
    return [
      `rank ${b.rank} waits for a window lock that ${who} still holds, but ${gone.length === 1 ? 'it has' : 'they have'} finished without unlocking:`,
      '  every Lock needs its Unlock (and Lock_all its Unlock_all) before the rank returns.',
    ];
  }
  if (kinds.has('recv') || kinds.has('sendrecv')) {
    const stray = (b.unreceived ?? []).filter((m) => gone.includes(m.source));
    if (stray.length > 0) {
      const m = stray[0]!;
      return [
        `rank ${b.rank} waits for a message from ${who}, which has finished. A message from rank ${m.source} did arrive`,
        `  (tag=${m.tag}, comm=${m.comm}), but no receive matches it: do the source, tag and communicator of the receive match the send?`,
      ];
    }
    return [`rank ${b.rank} waits for a message from ${who}, which finished without sending it: every receive needs a matching send.`];
  }
  if (kinds.has('send')) {
    return [`rank ${b.rank} sends to ${who}, which finished without receiving: every send needs a matching receive (same communicator, tag).`];
  }
  return [`rank ${b.rank} waits for ${who}, which has already finished.`];
}

function cycleAdvice(graph: DeadlockGraph): string[] {
  const byRank = new Map(graph.blocked.map((b) => [b.rank, b]));
  const members = [...new Set(graph.cycle)].map((r) => byRank.get(r)!);
  const kinds = members.map((b) => kindsOf(b.call));
  const inCollective = members.filter((b) => collectiveName(b.call) !== undefined);
  if (inCollective.length > 0 && inCollective.length < members.length) {
    const c = inCollective[0]!;
    const other = members.find((b) => collectiveName(b.call) === undefined)!;
    return [
      `rank ${c.rank} is in ${collectiveName(c.call)} on ${commOf(c.call) ?? 'its communicator'}, which rank ${other.rank} has not called`,
      `  (it is in ${other.call}): every rank of a communicator must make the same collective calls, in the same order.`,
    ];
  }
  if (inCollective.length > 0) {
    const comms = new Set(inCollective.map((b) => commOf(b.call)));
    if (comms.size > 1) {
      return [`The ranks are in collectives on different communicators (${[...comms].join(', ')}): ranks that share communicators must call their collectives in the same order.`];
    }
    return ['The ranks are blocked inside collectives that cannot complete.'];
  }
  if (kinds.some((k) => k.has('lock'))) {
    return [
      'A rank in the cycle waits for a window lock that the next rank holds while that rank waits in turn:',
      '  release the lock before waiting for anything (Unlock, then communicate), and take locks in the same order on every rank.',
    ];
  }
  if (kinds.every((k) => only(k, 'send'))) {
    const standard = members.some((b) => /^(send|Send|isend|Isend|waitall|wait)\b/.test(b.call) && !/ssend/i.test(b.call));
    return [
      'Every rank in the cycle is sending, and a send waits until its receiver posts the matching receive.',
      standard
        ? '  send/Send only returns early while the message is buffered (small messages; never with --eager-limit 0),\n  so this program is unsafe: it works or hangs depending on message size and MPI library.'
        : '  ssend/Ssend always waits for the matching receive.',
      ...EXCHANGE_FIXES,
    ];
  }
  if (kinds.every((k) => only(k, 'recv'))) {
    return ['Every rank in the cycle is receiving, so none of them ever sends: one side must send first.', ...EXCHANGE_FIXES];
  }
  return ['The ranks in the cycle each wait for the next one.', ...EXCHANGE_FIXES];
}
