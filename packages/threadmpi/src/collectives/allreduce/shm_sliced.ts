/**
 * Sliced shared-memory allreduce: every rank publishes its vector in the segment, reduces its
 * 1/p slice of every rank's vector in place (a reduce-scatter without messages) straight into its
 * receive buffer, publishes that slice, and copies the other p - 1 reduced slices out. Each rank
 * reads about 2x the vector whatever p is, against p x for the flat variant: the choice for long
 * vectors. Chunked through the segment's halves, two steps per chunk.
 */
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkCount, slicedRounds } from '../shm/chunks.js';
import { segmentOf } from '../shm/segment.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const shmSliced: AllreduceAlgorithm = (c, reduction) => {
  const r = typedOnly(reduction, 'allreduce shm_sliced');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const seg = segmentOf(c);
  const first = seg.reserve(2 * chunkCount(r.bytes, r.unitBytes));
  return slicedRounds(c, seg, first, r, r.targetElements!, true, IN_TARGET as Result);
};
