/**
 * Linear allreduce (Open MPI's "basic_linear"): a linear reduce to rank 0, then rank 0 sends the
 * result to every rank. Two steps, but rank 0 handles all 2(p-1) messages.
 */
import { linear as bcastLinear } from '../bcast/linear.js';
import { linear as reduceLinear } from '../reduce/linear.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const linear: AllreduceAlgorithm = function* (c, r) {
  const isRoot = c.rank === 0;
  const reduced = yield* reduceLinear(c, r, 0);
  const data = r.bcastData(isRoot, reduced);
  yield* bcastLinear(c, data, 0);
  return r.fromBcast(isRoot, data, reduced);
};
