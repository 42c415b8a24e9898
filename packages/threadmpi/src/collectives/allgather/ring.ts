/**
 * Ring allgather: in step s every rank passes the block it received in step s-1 (its own at
 * first) to its right neighbour and receives the next one from its left. p-1 steps, each moving one
 * block per rank: bandwidth-optimal, and each block may have any size, even an unknown one.
 */
import { blobOf, type SendOp } from '../exchange.js';
import { leftOf, rightOf } from '../ring.js';
import type { AllgatherAlgorithm } from '../signatures.js';

export const ring: AllgatherAlgorithm = function* (c, { blocks }) {
  const { rank, size } = c;
  const right = rightOf(rank, size);
  const left = leftOf(rank, size);
  const sends: SendOp[] = [];
  for (let s = 0; s < size - 1; s++) {
    const outgoing = (rank - s + size) % size;
    const incoming = (rank - s - 1 + size) % size;
    const recv = c.recvInto(left, blocks[incoming] ?? null);
    sends.push(c.send(right, blocks[outgoing]!));
    // Only the receive gates the next step: it is the block we forward next.
    yield recv;
    blocks[incoming] = blobOf(recv);
  }
  if (sends.length > 0) yield c.all(...sends);
};
