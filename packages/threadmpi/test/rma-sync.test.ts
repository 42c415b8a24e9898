/**
 * RMA synchronisation (mpi4py's test_rma.py sync tests and more): fence, exclusive and shared
 * locks, Lock_all with flushes, post-start-complete-wait, the epoch rules (ERR_RMA_SYNC), atomic
 * counters under contention with more ranks than cores, and ranks that fail or return while
 * holding a lock (the job stops; nobody hangs).
 */
import { closePool, DeadlockError, LOCK_EXCLUSIVE, LOCK_SHARED, mpirun, MPIJobError } from 'threadmpi';

const sync = new URL('./programs/rma-sync.mjs', import.meta.url);
const contention = new URL('./programs/rma-contention.mjs', import.meta.url);
const run = (prog: URL, n: number, fn: string, ...args: unknown[]) => mpirun(n, prog, { fn, args, timeoutMs: 60_000 });

afterAll(() => closePool());

describe.each(['world', 'self', 'split'])('on %s', (which) => {
  test('a non-atomic read-modify-write under an exclusive lock loses no increment', async () => {
    const results = await run(sync, 4, 'exclusiveCounter', which, 200);
    const expected = which === 'world' ? [800, null, null, null] : which === 'self' ? [200, 200, 200, 200] : [null, null, 400, 400];
    expect(results).toEqual(expected);
  });

  test('Lock_all epochs with Put, Flush, Flush_all, Flush_local, Flush_local_all and Sync', async () => {
    const results = (await run(sync, 4, 'lockAllFlush', which)) as number[][];
    const size = which === 'world' ? 4 : which === 'self' ? 1 : 2;
    const commRank = (w: number) => (which === 'world' ? w : which === 'self' ? 0 : size - 1 - Math.floor(w / 2));
    results.forEach((local, w) => {
      const r = commRank(w);
      const want = Array.from({ length: size }, (_, i) => {
        // Slot i of rank r: written by rank i with -(i+1) if r is i's right neighbour, after
        // rank 0's slots got +(i+1) (with one rank, both land in the same slot, the later wins).
        if ((i + 1) % size === r) return -(i + 1);
        return r === 0 ? i + 1 : 0;
      });
      expect(local).toEqual(want);
    });
  });
});

test.each([
  ['an exclusive lock excludes an exclusive locker', LOCK_EXCLUSIVE, LOCK_EXCLUSIVE, 42],
  ['an exclusive lock excludes a shared locker', LOCK_EXCLUSIVE, LOCK_SHARED, 42],
  ['a shared lock excludes an exclusive locker', LOCK_SHARED, LOCK_EXCLUSIVE, 42],
  ['shared locks are held together', LOCK_SHARED, LOCK_SHARED, 0],
])('%s', async (_, holder, waiter, seen) => {
  expect((await run(sync, 3, 'lockWaitsForHolder', holder, waiter))[2]).toBe(seen);
});

test('every rank holds a shared lock at once while passing a ring of messages', async () => {
  const results = (await run(sync, 4, 'sharedLocksCoexist')) as Array<{ got: number; total: number }>;
  expect(results).toEqual([{ got: 3, total: 4 }, { got: 0, total: 0 }, { got: 1, total: 0 }, { got: 2, total: 0 }]);
});

test('post-start-complete-wait both ways, with Groups and with rank arrays', async () => {
  const results = (await run(sync, 4, 'pscw')) as Array<{ groupInfo: { size: number; rank: number }; exposed: unknown }>;
  expect(results[0]).toEqual({ groupInfo: { size: 4, rank: 0 }, exposed: [0, 10, 20, 30] });
  for (let r = 1; r < 4; r++) expect(results[r]).toEqual({ groupInfo: { size: 4, rank: r }, exposed: 100 + r });
});

test('PSCW epochs back to back: every post is used exactly once', async () => {
  for (const wrong of await run(sync, 4, 'pscwRounds', 50)) expect(wrong).toEqual([]);
});

test('Test() is false before the origins complete, true after, and then the epoch is over', async () => {
  const [, ...origins] = await run(sync, 3, 'pscwTest');
  for (const flags of origins) expect(flags).toEqual([false, true, 'ERR_RMA_SYNC']);
});

test('Start/Complete and Post/Wait with empty groups return at once', async () => {
  expect(await run(sync, 2, 'pscwEmpty')).toEqual([true, true]);
});

test('fences in a row, then a Lock epoch (a fence with no RMA after it starts nothing)', async () => {
  expect((await run(sync, 3, 'fenceThenLock'))[0]).toBe(3);
});

test('every misuse of epochs raises ERR_RMA_SYNC (and bad arguments their own class)', async () => {
  for (const errors of (await run(sync, 2, 'syncErrors')) as Array<Record<string, string>>) {
    for (const [what, errorClass] of Object.entries(errors)) {
      const expected = /bad lock type|non-group|listed twice/.test(what) ? 'ERR_ARG' : /out of range/.test(what) ? 'ERR_RANK' : 'ERR_RMA_SYNC';
      expect([what, errorClass]).toEqual([what, expected]);
    }
    expect(Object.keys(errors).length).toBeGreaterThanOrEqual(30);
  }
});

test('request-based operations complete at once inside a Lock epoch, and only there', async () => {
  const results = (await run(sync, 3, 'requestBased')) as Array<Record<string, unknown>>;
  results.forEach((r, rank) => {
    const left = (rank + 2) % 3;
    expect(r).toEqual({
      tested: [[true, undefined], [true, undefined], [true, undefined], [true, undefined]],
      waited: [undefined, undefined, undefined, undefined],
      got: [rank + 11, rank + 2],
      old: rank + 2,
      local: [left + 11, left + 7, 0, 0],
      errors: {
        'Rput in a fence epoch': 'ERR_RMA_SYNC',
        'Rget in a fence epoch': 'ERR_RMA_SYNC',
        'Raccumulate in a fence epoch': 'ERR_RMA_SYNC',
        'Rget_accumulate in a fence epoch': 'ERR_RMA_SYNC',
      },
      procNullActive: false,
    });
  });
});

test('assertions: every valid MODE_* combination, NOPRECEDE and NOSUCCEED checked, bad bits refused', async () => {
  for (const errors of await run(sync, 2, 'assertions')) {
    expect(errors).toEqual({
      'Fence(MODE_NOPRECEDE) after a Put': 'ERR_RMA_SYNC',
      'Put after Fence(MODE_NOSUCCEED)': 'ERR_RMA_SYNC',
      'Fence(LOCK_SHARED)': 'ERR_ARG',
      'Lock with MODE_NOSUCCEED': 'ERR_ARG',
      'Start with MODE_NOPUT': 'ERR_ARG',
      'Lock_all with a fractional assertion': 'ERR_ARG',
    });
  }
});

describe('contention: 8 ranks on this machine\'s cores hammer one window', () => {
  test('10,000 Fetch_and_op increments each end with the exact total, every old value distinct and increasing', async () => {
    const results = (await run(contention, 8, 'fetchAndOpCounter', 'Int32Array', 10_000)) as Array<{ total: number | null; increasing: boolean }>;
    expect(results[0]!.total).toBe(80_000);
    for (const r of results) expect(r.increasing).toBe(true);
  });

  test.each(['Float64Array', 'Float32Array', 'BigInt64Array', 'Uint8ClampedArray', 'Int16Array'])(
    'Fetch_and_op on %s elements is atomic too', async (type) => {
      const results = (await run(contention, 8, 'fetchAndOpCounter', type, 1000)) as Array<{ total: number | null; increasing: boolean }>;
      expect(results[0]!.total).toBe(type === 'Uint8ClampedArray' ? 255 : 8000);
      if (type !== 'Uint8ClampedArray') for (const r of results) expect(r.increasing).toBe(true);
    });

  test.each(['Float64Array', 'Float32Array', 'BigUint64Array', 'Uint32Array'])(
    'Accumulate of several elements on %s loses no update', async (type) => {
      const [totals] = await run(contention, 8, 'accumulateCounters', type, 3, 1000);
      expect(totals).toEqual([8000, 8000, 8000]);
    });
});

describe('sync helpers (mpi4py.util.sync)', () => {
  test('Counter hands every value out exactly once, in increasing order per rank', async () => {
    const results = (await run(contention, 8, 'counterValues', 500, 10, 3)) as number[][];
    for (const got of results) expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(results.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 8 * 500 }, (_, i) => 10 + 3 * i));
  });

  test('Mutex makes a read-modify-write in another window exclusive', async () => {
    const results = (await run(contention, 4, 'mutexGuarded', 300)) as Array<{ total: number | null; errors: Record<string, unknown> }>;
    expect(results[0]!.total).toBe(1200);
    for (const r of results) expect(r.errors).toEqual({ twice: 'ERR_RMA_SYNC', locked: true, releaseUnheld: 'ERR_RMA_SYNC' });
  });
});

describe('a rank that leaves while holding a lock never leaves the others hanging', () => {
  test('a rank that throws while holding the lock fails the job at once', async () => {
    const t0 = performance.now();
    const error = await mpirun(3, contention, { fn: 'failWhileLocked', timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MPIJobError);
    expect((error as MPIJobError).rank).toBe(1);
    expect((error as MPIJobError).cause.message).toBe('rank 1 fails while holding the lock');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  test('a rank that returns holding the lock: the waiter is reported as a deadlock on that rank', async () => {
    const error = await mpirun(2, contention, { fn: 'returnWhileLocked', deadlockMs: 200, timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlockError);
    const report = (error as DeadlockError).report;
    expect(report).toMatch(/^rank 0: Win\.Lock\(rank=0, LOCK_SHARED, comm=WORLD\.win\) at test\/programs\/rma-contention\.mjs:\d+:\d+, waiting for rank 1, which has already finished$/m);
    expect(report).toContain('rank 1: finished');
    expect(report).toContain('every Lock needs its Unlock');
  });
});
