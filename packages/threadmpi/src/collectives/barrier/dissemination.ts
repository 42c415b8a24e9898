/**
 * Dissemination barrier (Hensgen, Finkel and Manber): in round k every rank signals rank + 2^k and
 * waits for rank - 2^k. After ceil(log2 p) rounds every rank has heard, directly or through others,
 * from every rank, for any p.
 */
import { awaitSignal } from '../exchange.js';
import type { BarrierAlgorithm } from '../signatures.js';

export const dissemination: BarrierAlgorithm = function* (c) {
  const { rank, size } = c;
  for (let dist = 1; dist < size; dist <<= 1) {
    yield c.all(c.signal((rank + dist) % size), awaitSignal(c, (rank - dist + size) % size));
  }
};
