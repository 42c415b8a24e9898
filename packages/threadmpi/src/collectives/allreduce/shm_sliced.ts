/**
 * Sliced shared-memory allreduce: every rank publishes its vector in the segment, reduces its
 * 1/p slice of every rank's vector in place (a reduce-scatter without messages) straight into its
 * receive buffer, publishes that slice, and copies the other p - 1 reduced slices out. Each rank
 * reads about 2x the vector whatever p is, against p x for the flat variant: the choice for long
 * vectors. Chunked through the segment's halves, two steps per chunk.
 */
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkBytes, chunkCount, copySlice, reduceSlices, slices, untilAll } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { AllreduceAlgorithm } from '../signatures.js';

export const shmSliced: AllreduceAlgorithm = function* (c, reduction) {
  const r = typedOnly(reduction, 'allreduce shm_sliced');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const out = r.targetElements!;
  const e = r.elementBytes;
  const seg = segmentOf(c.comm);
  const chunks = chunkCount(input.length * e, r.unitBytes);
  const first = seg.reserve(2 * chunks);
  if (!seg.attached) yield* attached(c, seg);
  const full = chunkBytes(r.unitBytes) / e;
  for (let k = 0; k < chunks; k++) {
    const s = first + 2 * k;
    const lo = k * full;
    const part = slices(Math.min(full, input.length - lo) * e, r, c.size);
    yield* reduceSlices(c, seg, r, s, input, lo, part, { array: out, at: lo + part.offsets[c.rank]! / e }, true);
    const all = untilAll(c, seg, s + 1);
    if (all !== null) yield all;
    for (let j = 0; j < c.size; j++) if (j !== c.rank) copySlice(seg, r, part, j, s + 1, out, lo);
  }
  return IN_TARGET as Result;
};
