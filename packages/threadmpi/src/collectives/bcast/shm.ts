/**
 * Shared-memory broadcast: the root copies the message into its half of the segment and every
 * other rank copies it out, chunk by chunk. The two halves make a two-stage pipeline: the root
 * fills the next chunk while the others still copy the last one. One copy in and one copy out
 * per rank, whatever p is.
 */
import { DtypeCode } from '../../protocol/dtypes.js';
import { chunkBytes, chunkCount, contribute, untilFree, untilRank } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { BcastAlgorithm } from '../signatures.js';

export const shm: BcastAlgorithm = function* (c, data, root) {
  const bytes = data.bytes!;
  const seg = segmentOf(c.comm);
  const chunks = chunkCount(bytes.length, c.elementBytes);
  const first = seg.reserve(chunks);
  if (!seg.attached) yield* attached(c, seg);
  const full = chunkBytes(c.elementBytes);
  for (let k = 0; k < chunks; k++) {
    const s = first + k;
    const lo = k * full;
    const chunk = chunks === 1 ? bytes : bytes.subarray(lo, Math.min(bytes.length, lo + full));
    if (c.rank === root) {
      const free = untilFree(c, seg, s);
      if (free !== null) yield free;
      contribute(c, seg, s, chunk, DtypeCode.UINT8, true);
      continue;
    }
    // Steps are published in order: an earlier call still in flight on this rank goes first.
    const mine = untilRank(c, seg, s - 1, c.rank);
    if (mine !== null) yield mine;
    const ready = untilRank(c, seg, s, root);
    if (ready !== null) yield ready;
    const from = seg.half(root, s);
    chunk.set(seg.bytes.subarray(from, from + chunk.length));
    seg.publish(s);
  }
};
