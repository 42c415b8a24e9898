/**
 * Flat shared-memory allreduce: every rank publishes its vector in its half of the segment, then
 * every rank combines all of them, reading its peers' contributions in place, straight into its
 * own receive buffer. One synchronisation per chunk and no copies between ranks: the choice for
 * short vectors, where the p-fold reading costs less than a second round of waiting.
 */
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkCount, flatRounds, FoldInto } from '../shm/chunks.js';
import { segmentOf } from '../shm/segment.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const shmFlat: AllreduceAlgorithm = (c, reduction) => {
  const r = typedOnly(reduction, 'allreduce shm_flat');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const seg = segmentOf(c);
  const first = seg.reserve(chunkCount(r.bytes, r.unitBytes));
  return flatRounds(c, seg, first, input, r.code, r.unitBytes, new FoldInto(r, input, r.targetElements!), IN_TARGET as Result);
};
