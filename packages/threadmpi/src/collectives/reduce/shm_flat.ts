/**
 * Flat shared-memory reduce: every rank publishes its vector in the segment and the root combines
 * them all, in rank order, straight into its receive buffer. The other ranks are done as soon as
 * they have published; short vectors.
 */
import type { TypedArray } from '../../protocol/dtypes.js';
import { IN_TARGET, typedOnly } from '../reduction.js';
import { chunkBytes, chunkCount, contribute, fold, published, untilAll, untilFree } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { ReduceAlgorithm } from '../signatures.js';

export const shmFlat: ReduceAlgorithm = function* (c, reduction, root) {
  const r = typedOnly(reduction, 'reduce shm_flat');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const input = r.ownElements;
  const seg = segmentOf(c.comm);
  const chunks = chunkCount(input.length * r.elementBytes, r.unitBytes);
  const first = seg.reserve(chunks);
  if (!seg.attached) yield* attached(c, seg);
  const isRoot = c.rank === root;
  const out = isRoot ? r.targetElements : null;
  // In elements from here on.
  const full = chunkBytes(r.unitBytes) / r.elementBytes;
  for (let k = 0; k < chunks; k++) {
    const s = first + k;
    const lo = k * full;
    const len = Math.min(full, input.length - lo);
    const free = untilFree(c, seg, s);
    if (free !== null) yield free;
    contribute(c, seg, s, chunks === 1 ? input : (input.subarray(lo, lo + len) as TypedArray), r.code);
    if (out === null) continue;
    const all = untilAll(c, seg, s);
    if (all !== null) yield all;
    fold(r, c.size, published(seg, r, s, input === out ? null : input, lo), { array: out, at: lo }, len);
  }
  return (isRoot ? IN_TARGET : null) as Result | null;
};
