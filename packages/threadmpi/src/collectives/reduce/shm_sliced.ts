/**
 * Sliced shared-memory reduce: every rank publishes its vector and reduces its 1/p slice of all
 * of them in place, then the root copies the p - 1 other reduced slices (its own it reduced
 * straight into its receive buffer). The work of combining is shared by all ranks instead of
 * falling on the root: long vectors.
 */
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkBytes, chunkCount, copySlice, reduceSlices, slices, untilAll } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { ReduceAlgorithm } from '../signatures.js';

export const shmSliced: ReduceAlgorithm = function* (c, reduction, root) {
  const r = typedOnly(reduction, 'reduce shm_sliced');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const out = c.rank === root ? r.targetElements! : null;
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
    const mine = out === null ? null : { array: out, at: lo + part.offsets[c.rank]! / e };
    yield* reduceSlices(c, seg, r, s, input, lo, part, mine, false);
    if (out === null) continue;
    const all = untilAll(c, seg, s + 1);
    if (all !== null) yield all;
    for (let j = 0; j < c.size; j++) if (j !== c.rank) copySlice(seg, r, part, j, s + 1, out, lo);
  }
  return (out === null ? null : IN_TARGET) as Result | null;
};
