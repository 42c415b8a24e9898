/**
 * Shared-memory allgather: every rank publishes its block in its half of the segment, then
 * copies every other rank's block out of theirs. One synchronisation per chunk of the block and
 * each block copied once in and p - 1 times out, the minimum. Equal blocks only (typed Allgather).
 */
import { DtypeCode } from '../../protocol/dtypes.js';
import { chunkCount, copyElements, flatRounds, type FlatReader } from '../shm/chunks.js';
import { segmentOf, type Segment } from '../shm/segment.js';
import type { AllgatherAlgorithm, Blocks } from '../signatures.js';

/** Copy every other member's chunk into its block. */
class CopyOut implements FlatReader {
  constructor(private readonly blocks: Blocks, private readonly rank: number) {}

  read(seg: Segment, s: number, lo: number, len: number): void {
    for (let j = 0; j < seg.size; j++) if (j !== this.rank) copyElements(seg.bytes, seg.half(j, s, len), this.blocks[j]!, lo, len);
  }
}

export const shm: AllgatherAlgorithm = (c, { blocks }) => {
  const mine = blocks[c.rank]!;
  const seg = segmentOf(c);
  const first = seg.reserve(chunkCount(mine.length, 1));
  return flatRounds(c, seg, first, mine, DtypeCode.UINT8, 1, new CopyOut(blocks, c.rank), undefined);
};
