/**
 * Ring reduce-scatter: the vector is cut into p blocks; in step s rank r sends its partial sum of
 * block r-s-1 to the right and adds the partial it receives from the left into block r-s-2. After
 * p-1 steps rank r holds block r fully reduced. Each rank sends (p-1)/p of the vector in total:
 * bandwidth-optimal for long vectors. The combining order goes round the ring, so the operation must
 * be commutative.
 */
import type { Exchange, Schedule, SendOp } from '../exchange.js';
import type { TypedReduction } from '../reduction.js';
import { blockViews, leftOf, rightOf, type Partition } from '../ring.js';
import type { ReduceScatterAlgorithm } from '../signatures.js';

/** Reduce-scatter `acc` in place: on return, block `rank` of `acc` is fully reduced. */
export function* ringReduceScatter(c: Exchange, r: TypedReduction, acc: Uint8Array, partition: Partition): Schedule {
  const { rank, size } = c;
  const blocks = blockViews(acc, partition);
  const right = rightOf(rank, size);
  const left = leftOf(rank, size);
  const sends: SendOp[] = [];
  for (let s = 0; s < size - 1; s++) {
    const outgoing = (rank - s - 1 + 2 * size) % size;
    const incoming = (rank - s - 2 + 2 * size) % size;
    const scratch = r.scratchBytes(0, blocks[incoming]!.length);
    const recv = c.recv(left, scratch);
    sends.push(c.send(right, blocks[outgoing]!));
    yield recv;
    r.prepend(blocks[incoming]!, scratch);
  }
  if (sends.length > 0) yield c.all(...sends);
}

export const ring: ReduceScatterAlgorithm = function* (c, r, partition) {
  const acc = r.start(false);
  yield* ringReduceScatter(c, r, acc, partition);
  return blockViews(acc, partition)[c.rank]!;
};
