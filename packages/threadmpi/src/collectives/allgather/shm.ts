/**
 * Shared-memory allgather: every rank publishes its block in its half of the segment, then
 * copies every other rank's block out of theirs. One synchronisation per chunk of the block and
 * each block copied once in and p - 1 times out, the minimum. Equal blocks only (typed Allgather).
 */
import { DtypeCode } from '../../protocol/dtypes.js';
import { chunkBytes, chunkCount, contribute, untilFree, untilAll } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { AllgatherAlgorithm } from '../signatures.js';

export const shm: AllgatherAlgorithm = function* (c, { blocks }) {
  const mine = blocks[c.rank]!;
  const seg = segmentOf(c.comm);
  const chunks = chunkCount(mine.length, 1);
  const first = seg.reserve(chunks);
  if (!seg.attached) yield* attached(c, seg);
  const full = chunkBytes(1);
  for (let k = 0; k < chunks; k++) {
    const s = first + k;
    const lo = k * full;
    const len = Math.min(full, mine.length - lo);
    const free = untilFree(c, seg, s);
    if (free !== null) yield free;
    contribute(c, seg, s, chunks === 1 ? mine : mine.subarray(lo, lo + len), DtypeCode.UINT8);
    const all = untilAll(c, seg, s);
    if (all !== null) yield all;
    for (let j = 0; j < c.size; j++) {
      if (j === c.rank) continue;
      const from = seg.half(j, s);
      blocks[j]!.set(seg.bytes.subarray(from, from + len), lo);
    }
  }
};
