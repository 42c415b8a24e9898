/**
 * Collective mismatch: ranks of one communicator that enter different collectives, or the same one
 * with different root, op, count or element type, fail with ERR_COLL_MISMATCH naming both ranks
 * and both calls; ranks that agree are never stopped.
 */
import { closePool, Intracomm, mpirun, MPIJobError } from 'threadmpi';

const prog = new URL('./programs/diag-mismatch.mjs', import.meta.url);
const run = (n: number, fn: string, ...args: unknown[]) => mpirun(n, prog, { fn, args, deadlockMs: 500, timeoutMs: 20_000 });

type Signature = { name: string; root?: number; op?: string; count?: number; dtype?: number };

async function mismatchOf(n: number, fn: string, ...args: unknown[]): Promise<string> {
  const error = await run(n, fn, ...args).then(
    (results) => new Error(`expected ERR_COLL_MISMATCH, got ${JSON.stringify(results)}`),
    (e: unknown) => e,
  );
  if (!(error instanceof MPIJobError) || error.cause.errorClass !== 'ERR_COLL_MISMATCH') throw error;
  return error.cause.message;
}

afterAll(() => closePool());

const FLOAT64 = 7;
const INT32 = 4;

describe.each<[string, Signature, Signature, string, string]>([
  ['different collectives', { name: 'Bcast', root: 0 }, { name: 'Reduce', root: 0, op: 'SUM' }, 'Bcast(root=0)', 'Reduce(root=0, op=SUM)'],
  ['different roots', { name: 'Bcast', root: 0, count: 4, dtype: FLOAT64 }, { name: 'Bcast', root: 1, count: 4, dtype: FLOAT64 },
    'Bcast(root=0, count=4, dtype=FLOAT64)', 'Bcast(root=1, count=4, dtype=FLOAT64)'],
  ['different ops', { name: 'Allreduce', op: 'SUM' }, { name: 'Allreduce', op: 'MAX' }, 'Allreduce(op=SUM)', 'Allreduce(op=MAX)'],
  ['different counts', { name: 'Allgather', count: 3 }, { name: 'Allgather', count: 2 }, 'Allgather(count=3)', 'Allgather(count=2)'],
  ['different element types', { name: 'Alltoall', count: 1, dtype: FLOAT64 }, { name: 'Alltoall', count: 1, dtype: INT32 },
    'Alltoall(count=1, dtype=FLOAT64)', 'Alltoall(count=1, dtype=INT32)'],
])('%s', (_, rank0, rank1, call0, call1) => {
  test('fail with ERR_COLL_MISMATCH naming both ranks and both calls', async () => {
    const message = await mismatchOf(2, 'enterEach', [[rank0], [rank1]]);
    expect(message).toContain(`rank 0 called ${call0}`);
    expect(message).toContain(`rank 1 called ${call1}`);
    expect(message).toContain('collective #1 on communicator WORLD');
  });
});

test('a rank that skips a collective is caught at the next one', async () => {
  const barrier = { name: 'Barrier' };
  const bcast = { name: 'Bcast', root: 0 };
  const message = await mismatchOf(3, 'enterEach', [[bcast, barrier], [barrier], [bcast, barrier]]);
  expect(message).toMatch(/collective #1 on communicator WORLD/);
  expect(message).toContain('rank 1 called Barrier()');
  expect(message).toMatch(/rank [02] called Bcast\(root=0\)/);
});

test('the last rank to arrive finds a mismatch among entries the others made long before', async () => {
  const same = Array.from({ length: 5 }, (_, i) => ({ name: 'Bcast', root: 0, count: i }));
  const odd = [...same, { name: 'Gather', root: 0 }];
  const even = [...same, { name: 'Gather', root: 2 }];
  const message = await mismatchOf(3, 'enterLast', [even, odd, odd]);
  expect(message).toMatch(/^ERR_COLL_MISMATCH: collective #6 on communicator WORLD does not match: rank 0 called Gather\(root=2\) at test\/programs\/diag-mismatch\.mjs:\d+:\d+, but rank [12] called Gather\(root=0\)/);
});

test('matching collectives on two communicators, many more than the ledger keeps, never fail', async () => {
  expect(await run(4, 'interleaved', 50)).toEqual(['ok', 'ok', 'ok', 'ok']);
});

test('checks: false turns the comparison off (to measure what it costs)', async () => {
  const signatures = [[{ name: 'Bcast', root: 0 }], [{ name: 'Reduce', root: 0, op: 'SUM' }]];
  expect(await mpirun(2, prog, { fn: 'enterEach', args: [signatures], checks: false, timeoutMs: 20_000 })).toEqual(['ok', 'ok']);
  // The next job in the same warm threads checks again.
  await expect(mismatchOf(2, 'enterEach', signatures)).resolves.toContain('rank 1 called Reduce(root=0, op=SUM)');
});

test('communicators sharing ledger slots never see each other\'s entries', async () => {
  expect(await run(3, 'manyComms', 20, 40)).toEqual(['ok', 'ok', 'ok']);
});

test('a communicator of one rank has nothing to compare', async () => {
  expect(await run(1, 'enterEach', [[{ name: 'Bcast', root: 0 }, { name: 'Reduce', root: 0 }]])).toEqual(['ok']);
});

const collectives = Intracomm.prototype as unknown as Record<string, unknown>;
const hasCollectives = typeof collectives.Bcast === 'function' && typeof collectives.Barrier === 'function' && typeof collectives.bcast === 'function';
(hasCollectives ? describe : describe.skip)('through the real collectives', () => {
  test('Bcast with a different root on each rank', async () => {
    const message = await mismatchOf(2, 'bcastDifferentRoots');
    expect(message).toMatch(/rank 0 called Bcast\(root=0\b/);
    expect(message).toMatch(/rank 1 called Bcast\(root=1\b/);
  });

  test.each([
    ['op', 'Allreduce(op=SUM, count=2, dtype=FLOAT64)', 'Allreduce(op=MAX, count=2, dtype=FLOAT64)'],
    ['count', 'Allgather(count=2, dtype=FLOAT64)', 'Allgather(count=3, dtype=FLOAT64)'],
    ['type', 'Allreduce(op=SUM, count=2, dtype=FLOAT64)', 'Allreduce(op=SUM, count=2, dtype=INT32)'],
    ['value op', 'allreduce(op=SUM)', 'allreduce(op=MAX)'],
    ['root', 'reduce(root=0, op=SUM)', 'reduce(root=1, op=SUM)'],
  ])('a different %s names both calls', async (what, call0, call1) => {
    const message = await mismatchOf(2, 'realMismatch', what);
    expect(message).toContain(`rank 0 called ${call0}`);
    expect(message).toContain(`rank 1 called ${call1}`);
  });

  test.each([
    ['op', 2, /rank 0 called Allreduce\(op=SUM, count=2/, /rank 1 called Allreduce\(op=MAX, count=2/],
    ['count', 3, /rank 0 called Allreduce\(op=SUM, count=2/, /rank [12] called Allreduce\(op=SUM, count=1/],
    ['barrier', 2, /rank 0 called Barrier\(\)/, /rank 1 called Allreduce\(op=SUM/],
    ['root', 2, /rank 0 called Reduce\(root=0/, /rank 1 called Reduce\(root=1/],
    ['non-root', 3, /rank 0 called Reduce\(root=1/, /rank [12] called Allreduce/],
  ])('on the immediate path, a different %s at %i ranks names both calls', async (what, n, call0, call1) => {
    const message = await mismatchOf(n, 'immediateMismatch', what);
    expect(message).toContain('collective #3 on communicator WORLD');
    expect(message).toMatch(call0);
    expect(message).toMatch(call1);
  });

  test('Barrier on one rank, bcast on the others', async () => {
    const message = await mismatchOf(3, 'barrierAgainstBcast');
    expect(message).toMatch(/rank 0 called Barrier\(\)/);
    expect(message).toMatch(/rank [12] called bcast\(root=0\)/);
  });
});
