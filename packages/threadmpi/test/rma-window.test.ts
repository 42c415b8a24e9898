/**
 * Windows themselves (mpi4py's test_win.py): Allocate, Allocate_shared with Shared_query,
 * Create over the caller's memory, zero-size windows and Free, on the world, on COMM_SELF and
 * on a Split whose ranks differ from world ranks.
 */
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/rma-window.mjs', import.meta.url);
const run = (n: number, fn: string, ...args: unknown[]) => mpirun(n, prog, { fn, args, timeoutMs: 30_000 });

afterAll(() => closePool());

describe.each(['world', 'self', 'split'])('on %s', (which) => {
  test('Allocate gives zeroed shared memory of every element type, and Puts land in local', async () => {
    for (const failures of await run(4, 'allocateEveryType', which)) expect(failures).toEqual([]);
  });

  test('Create exposes the caller\'s own SharedArrayBuffer memory', async () => {
    const results = (await run(4, 'createOverUserMemory', which)) as Array<{ sameArray: boolean; got: number[] }>;
    const size = which === 'world' ? 4 : which === 'self' ? 1 : 2;
    results.forEach((r, worldRank) => {
      // The left neighbour in the communicator wrote its comm rank twice at displacement 1.
      const rank = which === 'world' ? worldRank : which === 'self' ? 0 : size - 1 - Math.floor(worldRank / 2);
      const left = (rank - 1 + size) % size;
      expect(r.sameArray).toBe(true);
      expect(r.got).toEqual([-1, left, left, -1, -1]);
    });
  });

  test('the window\'s group is its communicator\'s, and its name can be set', async () => {
    const comm = which === 'world' ? 'WORLD' : which === 'self' ? 'SELF' : 'WORLD.split';
    for (const r of (await run(4, 'groupAndName', which)) as Array<{ initial: string }>) {
      expect(r).toEqual({ compare: true, initial: expect.stringMatching(/\.win$/), renamed: ['mywin', 'mywin'], afterFree: 'ERR_WIN' });
      if (which !== 'split') expect(r.initial).toBe(`${comm}.win`);
    }
  });

  test('zero-size windows: empty accesses succeed, one element is out of range', async () => {
    for (const failures of await run(3, 'zeroSize', which)) expect(failures).toEqual([]);
  });
});

test('Allocate_shared lays parts out contiguously in rank order, and Shared_query views are live', async () => {
  const results = (await run(3, 'allocateShared', 'world')) as Array<{
    layout: Array<{ byteOffset: number; length: number; sameBuffer: boolean }>;
    seen: number[][];
    mine: number;
  }>;
  results.forEach((r, rank) => {
    expect(r.layout).toEqual([
      { byteOffset: 0, length: 2, sameBuffer: true },
      { byteOffset: 16, length: 3, sameBuffer: true },
      { byteOffset: 40, length: 4, sameBuffer: true },
    ]);
    expect(r.seen).toEqual([[0, 1], [100, 101, 102], [200, 201, 202, 203]]);
    expect(r.mine).toBe(-(((rank - 1 + 3) % 3) + 1));
  });
});

test('Allocate_shared aligns each part to its own element size', async () => {
  const [layout] = await run(3, 'allocateSharedMixedTypes');
  expect(layout).toEqual([
    { type: 'Int8Array', byteOffset: 0 },
    { type: 'Float64Array', byteOffset: 8 },
    { type: 'Int8Array', byteOffset: 32 },
  ]);
});

test('Create refuses memory outside a SharedArrayBuffer, saying why, but accepts an empty array', async () => {
  const results = (await run(2, 'createRefusals')) as Array<{ notShared: string; message: string; notTyped: string; emptyLength: number }>;
  for (const r of results) {
    expect(r.notShared).toBe('ERR_ARG');
    expect(r.message).toMatch(/ordinary ArrayBuffer, which other ranks \(threads\) cannot see.*SharedArrayBuffer/);
    expect(r.notTyped).toBe('ERR_ARG');
    expect(r.emptyLength).toBe(0);
  }
});

test('every call on a freed window raises ERR_WIN', async () => {
  const calls = ['Put', 'Get', 'Accumulate', 'Fetch_and_op', 'PutProcNull', 'Fence', 'Lock', 'Unlock', 'Lock_all', 'Post', 'local', 'Shared_query', 'Free'];
  for (const r of await run(2, 'useAfterFree')) expect(r).toEqual(Object.fromEntries(calls.map((c) => [c, 'ERR_WIN'])));
});
