// What the ranks of a job would choose for given calls, under the overrides of that job: the
// environment (THREADMPI_COLL_<NAME>, THREADMPI_COLL_RULES) and setCollectiveAlgorithm, as the
// public selectAlgorithm and collectiveOverrides() report them.
import { SUM, collectiveOverrides, selectAlgorithm, setCollectiveAlgorithm } from 'threadmpi';

/** The algorithm each query ({collective, bytes, commutative?, values?}) selects on `comm`. */
export function chosen(comm, queries) {
  const overrides = collectiveOverrides();
  return queries.map((q) => selectAlgorithm({ commSize: comm.size, commutative: true, values: false, ...q }, overrides));
}

/** setCollectiveAlgorithm forces, refuses unknown names, and null returns to the automatic choice. */
export function forced(comm, queries) {
  const errorOf = (f) => {
    try {
      f();
      return null;
    } catch (e) {
      return [e.errorClass, e.message];
    }
  };
  const before = chosen(comm, queries);
  for (const q of queries) setCollectiveAlgorithm(q.collective, 'linear');
  const during = chosen(comm, queries);
  // The forced algorithm must also run correctly.
  const sum = new Float64Array(3);
  comm.Allreduce(Float64Array.of(comm.rank, 1, 2), sum, SUM);
  for (const q of queries) setCollectiveAlgorithm(q.collective, null);
  const after = chosen(comm, queries);
  return {
    before, during, after, sum: Array.from(sum),
    unknownCollective: errorOf(() => setCollectiveAlgorithm('allreduse', 'ring')),
    unknownAlgorithm: errorOf(() => setCollectiveAlgorithm('allreduce', 'bogus')),
  };
}
