/**
 * Shared-memory broadcast: the root copies the message into its half of the segment and every
 * other rank copies it out, chunk by chunk. The two halves make a two-stage pipeline: the root
 * fills the next chunk while the others still copy the last one. One copy in and one copy out
 * per rank, whatever p is.
 */
import { chunkBytes, chunkCount, copyElements, untilFree, untilRank } from '../shm/chunks.js';
import { segmentOf, whenReady } from '../shm/segment.js';
import type { BcastAlgorithm } from '../signatures.js';

export const shm: BcastAlgorithm = function* (c, data, root) {
  const bytes = data.bytes!;
  const seg = segmentOf(c);
  const first = seg.reserve(chunkCount(bytes.length, c.elementBytes));
  if (!seg.ready(first)) yield* whenReady(c, seg, first);
  const full = chunkBytes(c.elementBytes);
  let s = first;
  for (let lo = 0; lo < bytes.length; s++, lo += full) {
    const len = Math.min(full, bytes.length - lo);
    if (c.rank === root) {
      const free = untilFree(c, seg, s);
      if (free !== null) yield free;
      copyElements(bytes, lo, seg.bytes, seg.half(root, s, len), len);
      seg.announce(s);
      continue;
    }
    const ready = untilRank(c, seg, s, root);
    if (ready !== null) yield ready;
    copyElements(seg.bytes, seg.half(root, s, len), bytes, lo, len);
    seg.publish(s);
  }
  seg.finish(s - 1);
};
