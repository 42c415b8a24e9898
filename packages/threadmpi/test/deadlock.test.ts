/**
 * The deadlock detector: every classic deadlock is reported with the blocked calls, their lines in
 * the rank program and the wait-for graph; slow programs that still progress are never reported.
 */
import { closePool, DeadlockError, Intracomm, mpirun, type DeadlockGraph } from 'threadmpi';

const prog = new URL('./programs/diag-deadlock.mjs', import.meta.url);
const DEADLOCK_MS = 200;
const run = (n: number, fn: string, args: unknown[] = [], eagerLimit?: number) =>
  mpirun(n, prog, { fn, args, deadlockMs: DEADLOCK_MS, eagerLimit, timeoutMs: 20_000 });

async function deadlockOf(n: number, fn: string, args: unknown[] = [], eagerLimit?: number): Promise<DeadlockError> {
  const error = await run(n, fn, args, eagerLimit).then(
    (results) => new Error(`expected a deadlock, but every rank finished: ${JSON.stringify(results)}`),
    (e: unknown) => e,
  );
  if (!(error instanceof DeadlockError)) throw error;
  return error;
}

/** The report line of one rank. */
function lineOf(report: string, rank: number): string {
  const line = report.split('\n').find((l) => l.startsWith(`rank ${rank}: `));
  if (line === undefined) throw new Error(`no line for rank ${rank} in:\n${report}`);
  return line;
}

/** A cycle as a set of edges, whichever rank it was found from. */
function cycleEdges(graph: DeadlockGraph): string[] {
  const edges: string[] = [];
  for (let i = 0; i + 1 < graph.cycle.length; i++) edges.push(`${graph.cycle[i]}->${graph.cycle[i + 1]}`);
  return edges.sort();
}

const AT_LINE = /at test\/programs\/diag-deadlock\.mjs:\d+:\d+/;

afterAll(() => closePool());

describe('deadlocks are reported', () => {
  test('two ranks ssend to each other', async () => {
    const e = await deadlockOf(2, 'headToHeadSsend');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: ssend\(dest=1, tag=3, comm=WORLD\) at .*, waiting for rank 1$/);
    expect(lineOf(e.report, 1)).toMatch(/^rank 1: ssend\(dest=0, tag=3, comm=WORLD\) /);
    expect(lineOf(e.report, 0)).toMatch(AT_LINE);
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->0']);
    expect(e.report).toMatch(/^cycle: rank (0 -> rank 1 -> rank 0|1 -> rank 0 -> rank 1)$/m);
    for (const fix of ['opposite order', 'Isend/Irecv', 'Sendrecv']) expect(e.report).toContain(fix);
    expect(e.graph.blocked.map((b) => b.waitsFor)).toEqual([{ kind: 'rank', ranks: [1] }, { kind: 'rank', ranks: [0] }]);
  });

  test('a send-first exchange passes while buffered and deadlocks with eagerLimit 0', async () => {
    expect(await run(2, 'bufferedExchange')).toEqual(['from 1', 'from 0']);
    const e = await deadlockOf(2, 'bufferedExchange', [], 0);
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: send\(dest=1, tag=1, comm=WORLD\) at /);
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->0']);
    expect(e.report).toContain('unsafe');
  });

  test('three ranks each receive from the next', async () => {
    const e = await deadlockOf(3, 'recvCycle');
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->2', '2->0']);
    for (const r of [0, 1, 2]) expect(lineOf(e.report, r)).toContain(`recv(source=${(r + 1) % 3}, tag=4, comm=WORLD)`);
    expect(e.report).toContain('Every rank in the cycle is receiving');
  });

  test('a receive from a rank that has finished, with the message it sent under another tag', async () => {
    const e = await deadlockOf(2, 'recvFromFinished');
    expect(e.graph.finished).toEqual([1]);
    expect(e.graph.cycle).toEqual([]);
    expect(lineOf(e.report, 0)).toMatch(/recv\(source=1, tag=99, comm=WORLD\) at .*, waiting for rank 1, which has already finished$/);
    expect(e.graph.blocked[0]!.unreceived).toEqual([{ source: 1, tag: 5, comm: 'WORLD', bytes: expect.any(Number) }]);
    expect(e.report).toContain('rank 1: finished');
    expect(e.report).toMatch(/^  \(a message from rank 1 with tag=5, comm=WORLD, \d+ bytes arrived but matches no receive\)$/m);
    expect(e.report).toMatch(/did arrive\n  \(tag=5, comm=WORLD\), but no receive matches it/);
  });

  test('waitall over an irecv that nothing matches', async () => {
    const e = await deadlockOf(2, 'waitallNeverMatched');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: waitall\(\[irecv\(source=1, tag=7, comm=WORLD\)\]\) at .*diag-deadlock\.mjs:\d+:\d+, waiting for rank 1, which has already finished$/);
  });

  test('ANY_SOURCE when every other rank has finished is a wait for any of them', async () => {
    const e = await deadlockOf(3, 'anySourceAllFinished');
    const b = e.graph.blocked;
    expect(b).toHaveLength(1);
    expect(b[0]!.waitsFor.kind).toBe('any');
    expect(lineOf(e.report, 0)).toMatch(/recv\(source=ANY_SOURCE, tag=2, comm=WORLD\) at .*, waiting for any of ranks 1 and 2, all of which have finished$/);
    expect(e.report).toContain('more receives than the others send');
  });

  test('waitany is an "any of" wait: its cycle goes through an OR edge', async () => {
    const e = await deadlockOf(3, 'waitanyCycle');
    expect(e.graph.blocked[0]!.waitsFor).toEqual({ kind: 'any', ranks: [1, 2] });
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: waitany\(\[irecv\(source=1, tag=1, comm=WORLD\), irecv\(source=2, tag=1, comm=WORLD\)\]\) at .*, waiting for any of ranks 1 and 2$/);
    expect(lineOf(e.report, 1)).toMatch(/waiting for rank 0$/);
    expect(e.graph.cycle.length).toBe(3);
  });

  test('two ranks awaiting receives from each other (asynchronous waits)', async () => {
    const e = await deadlockOf(2, 'awaitedRecvCycle');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: irecv\(source=1, tag=0, comm=WORLD\) at .*diag-deadlock\.mjs:\d+:\d+, waiting for rank 1$/);
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->0']);
  });

  const hasBarrier = typeof (Intracomm.prototype as unknown as Record<string, unknown>).Barrier === 'function';
  (hasBarrier ? test : test.skip)('a Barrier on one rank against a recv on the other', async () => {
    const e = await deadlockOf(2, 'barrierAgainstRecv');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: Barrier\b/);
    expect(lineOf(e.report, 1)).toMatch(/^rank 1: recv\(source=0, tag=1, comm=WORLD\)/);
    expect(e.report).toContain('same collective calls');
    expect(e.report).not.toContain('collective traffic');
  });

  test('a short Allreduce on one rank against a recv on the other', async () => {
    const e = await deadlockOf(2, 'allreduceAgainstRecv');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: Allreduce\(op=SUM, comm=WORLD\) at .*diag-deadlock\.mjs:\d+:\d+, waiting for rank 1$/);
    expect(lineOf(e.report, 1)).toMatch(/^rank 1: recv\(source=0, tag=1, comm=WORLD\)/);
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->0']);
  });

  test('a Barrier after a first one, on one rank against a recv on the other', async () => {
    const e = await deadlockOf(2, 'barrierAgainstRecvAfterOne');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: Barrier\(comm=WORLD\) at .*diag-deadlock\.mjs:\d+:\d+, waiting for rank 1$/);
    expect(lineOf(e.report, 1)).toMatch(/^rank 1: recv\(source=0, tag=1, comm=WORLD\)/);
    expect(e.report).toContain('same collective calls');
  });

  const hasIbarrier = typeof (Intracomm.prototype as unknown as Record<string, unknown>).Ibarrier === 'function';
  (hasIbarrier ? test : test.skip)('ranks that return without completing their Ibarrier', async () => {
    const e = await deadlockOf(3, 'ibarrierNotWaited');
    expect(e.graph.finished).toEqual([1, 2]);
    // Which ranks the barrier still needs depends on its algorithm; either way they have finished.
    expect(lineOf(e.report, 0)).toMatch(
      /^rank 0: Ibarrier\(comm=WORLD\) at .*diag-deadlock\.mjs:\d+:\d+, waiting for (rank [12], which has already finished|all of ranks 1 and 2, which have all finished)$/);
    expect(e.report).toContain('complete them (wait for nonblocking ones) before it returns');
  });

  test('a window Fence on one rank against a recv on the other', async () => {
    const e = await deadlockOf(2, 'fenceAgainstRecv');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: Win\.Fence\(comm=WORLD\.win\) at test\/programs\/diag-deadlock\.mjs:\d+:\d+, waiting for rank 1$/);
    expect(lineOf(e.report, 1)).toMatch(/^rank 1: recv\(source=0, tag=1, comm=WORLD\)/);
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->0']);
  });

  test('a rank holds a window lock while it waits for the rank that waits for the lock', async () => {
    const e = await deadlockOf(2, 'lockThenRecv');
    expect(lineOf(e.report, 0)).toMatch(/^rank 0: recv\(source=1, tag=2, comm=WORLD\) at .*, waiting for rank 1$/);
    expect(lineOf(e.report, 1)).toMatch(/^rank 1: Win\.Lock\(rank=0, LOCK_EXCLUSIVE, comm=WORLD\.win\) at test\/programs\/diag-deadlock\.mjs:\d+:\d+, waiting for rank 0$/);
    expect(cycleEdges(e.graph)).toEqual(['0->1', '1->0']);
    expect(e.report).toContain('release the lock before waiting for anything');
  });

  test('deadlockMs counts from the moment the last rank blocked', async () => {
    const busyMs = 600;
    const t0 = performance.now();
    await deadlockOf(2, 'lateDeadlock', [busyMs]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(busyMs + DEADLOCK_MS);
  });
});

describe('slow programs that still make progress are not deadlocks', () => {
  test('a pipeline whose every wait is longer than deadlockMs', async () => {
    expect(await run(3, 'slowPipeline', [6, DEADLOCK_MS + 100])).toEqual([6, 5, 6]);
  });

  test('one rank computes for 2 s while the others wait in recv', async () => {
    expect(await run(3, 'busyRoot', [2000])).toEqual(['sent', 10, 20]);
  });

  test('an ssend to a rank sleeping in its event loop', async () => {
    expect(await run(2, 'ssendToSleeper', [3 * DEADLOCK_MS])).toEqual([undefined, 'late but fine']);
  });

  test('an awaited receive while the sender computes', async () => {
    expect(await run(2, 'awaitedRecv', [3 * DEADLOCK_MS])).toEqual(['awaited', undefined]);
  });

  test('a rank awaits a reply to what its own pending timer will send', async () => {
    expect(await run(2, 'awaitWhileOwnTimerSends', [3 * DEADLOCK_MS])).toEqual(['ping pong', undefined]);
  });

  test.each(['fixOppositeOrder', 'fixNonblocking', 'fixSendrecv', 'fixReceiveFirst'])(
    'the %s fix of the head-to-head exchange passes with every send synchronous (eagerLimit 0)', async (fn) => {
      expect(await run(2, fn, [100_000], 0)).toEqual([1, 0]);
    });

  test('ranks wait for a window lock that its holder keeps while computing', async () => {
    expect(await run(3, 'lockHeldWhileComputing', [3 * DEADLOCK_MS])).toEqual([7, 0, 0]);
  });

  test('ranks wait in a Fence and a Barrier for a rank that is still computing', async () => {
    expect(await run(3, 'lateToCollectives', [3 * DEADLOCK_MS])).toEqual(['done', 'done', 'done']);
  });

  test('waitany while one of its peers has finished and the other is still working', async () => {
    expect(await run(3, 'waitanyOneFinished', [3 * DEADLOCK_MS])).toEqual([[1, 'from 2'], undefined, undefined]);
  });
});
