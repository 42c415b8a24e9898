/**
 * Ring allreduce: a ring reduce-scatter followed by a ring allgather of the reduced blocks. Each
 * rank sends 2(p-1)/p of the vector: the bandwidth-optimal choice for long vectors, commutative
 * operations only.
 */
import { ring as allgatherRing } from '../allgather/ring.js';
import { typedOnly } from '../reduction.js';
import { ringReduceScatter } from '../reduce_scatter/ring.js';
import { blockViews, evenPartition } from '../ring.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const ring: AllreduceAlgorithm = function* (c, reduction) {
  const r = typedOnly(reduction, 'allreduce ring');
  const acc = r.start(true);
  const partition = evenPartition(acc.length / r.unitBytes, r.unitBytes, c.size);
  yield* ringReduceScatter(c, r, acc, partition);
  yield* allgatherRing(c, { blocks: blockViews(acc, partition), uniform: null });
  return acc as typeof reduction extends { own(): infer P } ? P : never;
};
