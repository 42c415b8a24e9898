/**
 * Bruck alltoall: ceil(log2 p) rounds for any p, for short blocks where per-message cost
 * dominates. Rank r first rotates its blocks so that slot j holds the block for rank r+j; in round
 * k it sends every slot whose bit k is set to rank r + 2^k (packed into one message) and receives
 * the same slots from rank r - 2^k. Slot j then holds the block from rank r - j, and a final
 * inverse rotation puts the blocks in rank order.
 */
import type { AlltoallAlgorithm } from '../signatures.js';

export const bruck: AlltoallAlgorithm = function* (c, { send, recv }) {
  const { rank, size } = c;
  const b = send[0]!.length;
  const slots = new Uint8Array(size * b);
  for (let j = 0; j < size; j++) slots.set(send[(rank + j) % size]!, j * b);
  const outgoing = new Uint8Array(Math.ceil(size / 2) * b);
  const incoming = new Uint8Array(outgoing.length);
  for (let dist = 1; dist < size; dist <<= 1) {
    let n = 0;
    for (let j = dist; j < size; j++) {
      if ((j & dist) === 0) continue;
      outgoing.set(slots.subarray(j * b, (j + 1) * b), n * b);
      n++;
    }
    const s = c.send((rank + dist) % size, outgoing.subarray(0, n * b));
    const r = c.recv((rank - dist + size) % size, incoming.subarray(0, n * b));
    yield c.all(s, r);
    n = 0;
    for (let j = dist; j < size; j++) {
      if ((j & dist) === 0) continue;
      slots.set(incoming.subarray(n * b, (n + 1) * b), j * b);
      n++;
    }
  }
  for (let j = 0; j < size; j++) recv[(rank - j + size) % size]!.set(slots.subarray(j * b, (j + 1) * b));
};
