/**
 * Flat shared-memory allreduce: every rank publishes its vector in its half of the segment, then
 * every rank combines all of them, reading its peers' contributions in place, straight into its
 * own receive buffer. One synchronisation per chunk and no copies between ranks: the choice for
 * short vectors, where the p-fold reading costs less than a second round of waiting.
 */
import type { TypedArray } from '../../protocol/dtypes.js';
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkBytes, chunkCount, contribute, fold, published, untilAll, untilFree } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const shmFlat: AllreduceAlgorithm = function* (c, reduction) {
  const r = typedOnly(reduction, 'allreduce shm_flat');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const seg = segmentOf(c.comm);
  const chunks = chunkCount(input.length * r.elementBytes, r.unitBytes);
  const first = seg.reserve(chunks);
  if (!seg.attached) yield* attached(c, seg);
  const out = r.targetElements!;
  // In elements from here on.
  const full = chunkBytes(r.unitBytes) / r.elementBytes;
  for (let k = 0; k < chunks; k++) {
    const s = first + k;
    const lo = k * full;
    const len = Math.min(full, input.length - lo);
    const free = untilFree(c, seg, s);
    if (free !== null) yield free;
    contribute(c, seg, s, chunks === 1 ? input : (input.subarray(lo, lo + len) as TypedArray), r.code);
    const all = untilAll(c, seg, s);
    if (all !== null) yield all;
    fold(r, c.size, published(seg, r, s, input === out ? null : input, lo), { array: out, at: lo }, len);
  }
  return IN_TARGET as Result;
};
