/**
 * Sliced shared-memory reduce: every rank publishes its vector and reduces its 1/p slice of all
 * of them in place, then the root copies the p reduced slices. The work of combining is shared
 * by all ranks instead of falling on the root: long vectors.
 */
import type { TypedArray } from '../../protocol/dtypes.js';
import { typedOnly } from '../reduction.js';
import { chunkBytes, chunkCount, copySlice, reduceSlices, slices, untilAll } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { ReduceAlgorithm } from '../signatures.js';

export const shmSliced: ReduceAlgorithm = function* (c, reduction, root) {
  const r = typedOnly(reduction, 'reduce shm_sliced');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const seg = segmentOf(c.comm);
  const chunks = chunkCount(input.length * r.elementBytes, r.unitBytes);
  const first = seg.reserve(2 * chunks);
  if (!seg.attached) yield* attached(c, seg);
  const full = chunkBytes(r.unitBytes);
  for (let k = 0; k < chunks; k++) {
    const s = first + 2 * k;
    const lo = k * full;
    const len = Math.min(full, input.length * r.elementBytes - lo);
    const part = slices(len, r, c.size);
    const e = r.elementBytes;
    yield* reduceSlices(c, seg, r, s, input.subarray(lo / e, (lo + len) / e) as TypedArray, part);
    if (c.rank !== root) continue;
    const all = untilAll(c, seg, s + 1);
    if (all !== null) yield all;
    for (let j = 0; j < c.size; j++) copySlice(seg, part, j, s + 1, r.target!, lo);
  }
  return (c.rank === root ? r.target : null) as Result | null;
};
