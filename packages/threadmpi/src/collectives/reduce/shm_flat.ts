/**
 * Flat shared-memory reduce: every rank publishes its vector in the segment and the root combines
 * them all, in rank order, straight into its receive buffer. The other ranks are done as soon as
 * they have published; short vectors.
 */
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkCount, flatRounds, FoldInto } from '../shm/chunks.js';
import { segmentOf } from '../shm/segment.js';
import type { ReduceAlgorithm } from '../signatures.js';

export const shmFlat: ReduceAlgorithm = (c, reduction, root) => {
  const r = typedOnly(reduction, 'reduce shm_flat');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const seg = segmentOf(c);
  const first = seg.reserve(chunkCount(r.bytes, r.unitBytes));
  const reader = c.rank === root ? new FoldInto(r, input, r.targetElements!) : null;
  return flatRounds(c, seg, first, input, r.code, r.unitBytes, reader, (reader === null ? null : IN_TARGET) as Result | null);
};
