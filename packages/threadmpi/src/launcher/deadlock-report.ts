/**
 * Turning a deadlock's wait-for graph into the report a student reads: one line per rank with
 * its blocked call, source line and whom it waits for ("waiting for rank 1" for a specific rank,
 * "waiting for any of ranks 0 and 2" for ANY_SOURCE or waitany), then the cycle, then what
 * usually fixes it.
 */
import type { BlockedRank, DeadlockGraph } from '../errors.js';
import { deadlockAdvice } from '../diagnostics/deadlock-advice.js';
import { waitEdges } from '../diagnostics/wait-graph.js';
import { kindsOf } from '../diagnostics/call-kinds.js';

/** "rank 1", "ranks 1 and 2", "ranks 1, 2 and 3", each marked when it has finished. */
function rankList(ranks: readonly number[], finished: ReadonlySet<number>): string {
  const names = ranks.map((r) => (finished.has(r) ? `${r} (finished)` : String(r)));
  if (names.length === 1) return `rank ${names[0]}`;
  return `ranks ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** How a blocked rank waits, as a phrase: "waiting for rank 1", "waiting for any of ranks 0 and 2". */
function waitPhrase(b: BlockedRank, finished: ReadonlySet<number>): string {
  const ranks = waitEdges(b);
  if (b.waitsFor.kind === 'none' || ranks.length === 0) return '';
  const gone = ranks.filter((r) => finished.has(r));
  if (b.waitsFor.kind === 'any') {
    const all = gone.length === ranks.length ? ranks.length === 1 ? ', which has finished' : ', all of which have finished' : '';
    return `waiting for any of ${rankList(ranks, new Set())}${all}`;
  }
  if (ranks.length === 1) return `waiting for rank ${ranks[0]}${gone.length > 0 ? ', which has already finished' : ''}`;
  if (gone.length === ranks.length) return `waiting for all of ${rankList(ranks, new Set())}, which have all finished`;
  return `waiting for all of ${rankList(ranks, finished)}`;
}

export function formatDeadlockReport(graph: DeadlockGraph): string {
  const lines: string[] = [];
  const finished = new Set(graph.finished);
  const ranks = [...graph.blocked.map((b) => ({ rank: b.rank, b })), ...graph.finished.map((rank) => ({ rank, b: null }))];
  ranks.sort((x, y) => x.rank - y.rank);
  for (const { rank, b } of ranks) {
    if (b === null) {
      lines.push(`rank ${rank}: finished`);
      continue;
    }
    const at = b.location === undefined ? '' : ` at ${b.location}`;
    const wait = waitPhrase(b, finished);
    lines.push(`rank ${rank}: ${b.call}${at}${wait === '' ? '' : `, ${wait}`}`);
    // Only a receiving rank's unreceived messages are news: none of them matches what it waits for.
    // (A sending rank holds messages it would receive right after its send.)
    const receiving = [...kindsOf(b.call)].some((k) => k === 'recv' || k === 'sendrecv');
    for (const m of receiving ? (b.unreceived ?? []) : []) {
      lines.push(`  (a message from rank ${m.source} with tag=${m.tag}, comm=${m.comm}, ${m.bytes} bytes arrived but matches no receive)`);
    }
  }
  if (graph.cycle.length > 0) lines.push(`cycle: ${graph.cycle.map((r) => `rank ${r}`).join(' -> ')}`);
  const advice = deadlockAdvice(graph);
  if (advice.length > 0) lines.push('', ...advice);
  return lines.join('\n');
}
