/**
 * Communicators and groups (mpi4py's test_comm.py, test_cart.py, test_group.py): Split with
 * colors, keys, UNDEFINED and nesting, Compare, Create from a group, Cartesian grids with shifts
 * and sub-grids, Compute_dims, and Group operations.
 */
import { Compute_dims, MPIError, closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/coll-comm.mjs', import.meta.url);
type Outcome = { checks: number; failures: string[] };
const run = async (n: number, fn: string) => (await mpirun(n, prog, { fn, timeoutMs: 30_000 })) as Outcome[];

afterAll(() => closePool());

describe.each([3, 4, 5, 8])('on %i ranks', (n) => {
  test('Split: odd/even, keys, nested, UNDEFINED gives null, Compare', async () => {
    for (const r of await run(n, 'split')) expect(r.failures).toEqual([]);
  });
  test('groups: Incl, Excl, Translate_ranks, Compare, set operations, Create', async () => {
    for (const r of await run(n, 'groups')) expect(r.failures).toEqual([]);
  });
});

test.each([6, 7])('Create_cart on %i ranks: coords, ranks, Shift, halo exchange, Sub', async (n) => {
  for (const r of await run(n, 'cartesian')) expect(r.failures).toEqual([]);
});

test('Compute_dims balances the grid and honours fixed dimensions', () => {
  expect(Compute_dims(12, 2)).toEqual([4, 3]);
  expect(Compute_dims(8, 3)).toEqual([2, 2, 2]);
  expect(Compute_dims(7, 2)).toEqual([7, 1]);
  expect(Compute_dims(1, 2)).toEqual([1, 1]);
  expect(Compute_dims(12, [0, 3, 0])).toEqual([2, 3, 2]);
  expect(Compute_dims(6, [2, 3])).toEqual([2, 3]);
  expect(() => Compute_dims(10, [3, 0])).toThrow(MPIError);
  expect(() => Compute_dims(0, 2)).toThrow(/nnodes must be a positive integer/);
});
