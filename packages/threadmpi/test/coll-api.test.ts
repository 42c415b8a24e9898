/**
 * The collective API around the algorithms (mpi4py's test_cco_buf.py and test_cco_obj.py):
 * IN_PLACE, the v-variants, nonblocking forms (typed and value, awaited and waited), derived
 * datatypes, zero-length messages and isolation from point-to-point traffic, at sizes 1..8.
 */
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/coll-api.mjs', import.meta.url);
type Outcome = { checks: number; failures: string[] };
const run = async (n: number, fn: string) => (await mpirun(n, prog, { fn, timeoutMs: 30_000 })) as Outcome[];

afterAll(() => closePool());

const SIZES = [1, 2, 3, 4, 5, 8];

describe.each(SIZES)('on %i ranks', (n) => {
  test.each([
    ['inPlace', 'IN_PLACE in every collective that accepts it'],
    ['vectors', 'Scatterv, Gatherv, Allgatherv, Alltoallv with uneven blocks and displacements'],
    ['nonblocking', 'nonblocking collectives, typed and value, waited, awaited and tested'],
    ['isolation', 'collective traffic never matches wildcard point-to-point receives'],
    ['datatypes', 'derived datatypes in Bcast and Allreduce'],
    ['derivedDatatypes', 'derived datatypes in Send/Recv/Sendrecv and Bcast'],
    ['empty', 'zero-length messages in every collective'],
  ])('%s: %s', async (fn) => {
    for (const r of await run(n, fn)) {
      expect(r.failures).toEqual([]);
      expect(r.checks).toBeGreaterThan(0);
    }
  });
});
