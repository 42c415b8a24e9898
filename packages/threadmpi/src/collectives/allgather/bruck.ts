/**
 * Bruck allgather: rank r keeps the blocks of ranks r, r+1, ... at the front of a buffer; in round
 * k it sends its first min(2^k, p-2^k) blocks to rank r - 2^k and appends those of rank r + 2^k.
 * ceil(log2 p) rounds for any p, at the price of one final rotation into rank order.
 */
import type { AllgatherAlgorithm } from '../signatures.js';

export const bruck: AllgatherAlgorithm = function* (c, { uniform }) {
  const { rank, size } = c;
  const whole = uniform!;
  const b = whole.length / size;
  // At rank 0 the rotated order is rank order, so the receive buffer itself serves.
  const rotated = rank === 0 ? whole : new Uint8Array(whole.length);
  if (rank !== 0) rotated.set(whole.subarray(rank * b, (rank + 1) * b));
  for (let dist = 1; dist < size; dist <<= 1) {
    const n = Math.min(dist, size - dist);
    const send = c.send((rank - dist + size) % size, rotated.subarray(0, n * b));
    const recv = c.recv((rank + dist) % size, rotated.subarray(dist * b, (dist + n) * b));
    yield c.all(send, recv);
  }
  if (rank !== 0) {
    const split = (size - rank) * b;
    whole.set(rotated.subarray(0, split), rank * b);
    whole.set(rotated.subarray(split), 0);
  }
};
