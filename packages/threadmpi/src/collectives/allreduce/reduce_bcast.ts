/**
 * Reduce then broadcast (Open MPI's "nonoverlapping"): a binomial reduce to rank 0 followed by a
 * binomial broadcast of the result. 2 log2 p steps; keeps rank order for any operation.
 */
import { binomial as bcastBinomial } from '../bcast/binomial.js';
import { binomial as reduceBinomial } from '../reduce/binomial.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const reduceBcast: AllreduceAlgorithm = function* (c, r) {
  const isRoot = c.rank === 0;
  const reduced = yield* reduceBinomial(c, r, 0);
  const data = r.bcastData(isRoot, reduced);
  yield* bcastBinomial(c, data, 0);
  return r.fromBcast(isRoot, data, reduced);
};
