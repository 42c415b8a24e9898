/**
 * Every registered algorithm of every collective, forced in turn and checked against a naive
 * reference (Open MPI's habit: one table for all), at every communicator size 1..8 (powers of two
 * and not), at every size class (empty, one element, a few, above the eager limit, about 1 MiB),
 * for typed arrays and values, in rank order for non-commutative operations. Each job runs on the
 * world and a Dup of it; a second table runs on COMM_SELF and on a reversed Split, whose ranks are
 * not world ranks.
 */
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/coll-algorithms.mjs', import.meta.url);
type Outcome = { checks: number; failures: string[] };

afterAll(() => closePool());

const ALL_SIZE_CLASSES = [0, 1, 2, 3, 4];

test.each([1, 2, 3, 4, 5, 6, 7, 8])('every algorithm on %i ranks, on the world and a Dup', async (n) => {
  const results = (await mpirun(n, prog, { fn: 'everyAlgorithm', args: [ALL_SIZE_CLASSES, true], timeoutMs: 90_000 })) as Outcome[];
  for (const r of results) {
    expect(r.failures).toEqual([]);
    expect(r.checks).toBeGreaterThan(400);
  }
});

test.each([2, 5, 8])('every algorithm on COMM_SELF and on a reversed Split of %i ranks', async (n) => {
  const results = (await mpirun(n, prog, { fn: 'everyAlgorithmOnSubsets', args: [[0, 1, 2, 3]], timeoutMs: 90_000 })) as Outcome[];
  for (const r of results) {
    expect(r.failures).toEqual([]);
    expect(r.checks).toBeGreaterThan(400);
  }
});
