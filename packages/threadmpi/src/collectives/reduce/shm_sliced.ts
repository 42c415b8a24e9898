/**
 * Sliced shared-memory reduce: every rank publishes its vector and reduces its 1/p slice of all
 * of them in place, then the root copies the p - 1 other reduced slices (its own it reduced
 * straight into its receive buffer). The work of combining is shared by all ranks instead of
 * falling on the root: long vectors.
 */
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkCount, slicedRounds } from '../shm/chunks.js';
import { segmentOf } from '../shm/segment.js';
import type { ReduceAlgorithm } from '../signatures.js';

export const shmSliced: ReduceAlgorithm = (c, reduction, root) => {
  const r = typedOnly(reduction, 'reduce shm_sliced');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const seg = segmentOf(c);
  const first = seg.reserve(2 * chunkCount(r.bytes, r.unitBytes));
  const out = c.rank === root ? r.targetElements! : null;
  return slicedRounds(c, seg, first, r, out, false, (out === null ? null : IN_TARGET) as Result | null);
};
