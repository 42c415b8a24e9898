/**
 * Reduction operations (mpi4py's test_op.py): every predefined op on every typed-array type
 * against exact references, MAXLOC/MINLOC ties, REPLACE and NO_OP in rank order, and Op.Create for
 * both forms, commutative or not, including BigInt64 arrays.
 */
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/coll-ops.mjs', import.meta.url);
type Outcome = { checks: number; failures: string[] };

afterAll(() => closePool());

describe.each([1, 2, 3, 5, 8])('on %i ranks', (n) => {
  test.each([
    ['predefined', 'every predefined op on every element type'],
    ['pairsAndOrder', 'MAXLOC/MINLOC pairs with ties, REPLACE, NO_OP'],
    ['userOps', 'Op.Create: typed and value forms, non-commutative in rank order, BigInt64'],
  ])('%s: %s', async (fn) => {
    for (const r of (await mpirun(n, prog, { fn, timeoutMs: 30_000 })) as Outcome[]) {
      expect(r.failures).toEqual([]);
      expect(r.checks).toBeGreaterThan(0);
    }
  });

  // Long enough that every rank's slice runs through the SIMD loop, odd so that a JS tail is left.
  test('predefined, 1001 elements through shm_sliced (SIMD loops in the segment)', async () => {
    for (const r of (await mpirun(n, prog, { fn: 'predefined', args: [1001, 'shm_sliced'], timeoutMs: 30_000 })) as Outcome[]) {
      expect(r.failures).toEqual([]);
      expect(r.checks).toBeGreaterThan(0);
    }
  });
});
