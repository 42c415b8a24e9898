/**
 * Pairwise-exchange alltoall: in step s rank r sends to r+s and receives from r-s. p-1 steps with
 * one message in each direction per rank, which keeps memory traffic even for long messages.
 */
import { blobOf } from '../exchange.js';
import type { AlltoallAlgorithm } from '../signatures.js';

export const pairwise: AlltoallAlgorithm = function* (c, { send, recv }) {
  const { rank, size } = c;
  for (let s = 1; s < size; s++) {
    const to = (rank + s) % size;
    const from = (rank - s + size) % size;
    const r = c.recvInto(from, recv[from] ?? null);
    yield c.all(r, c.send(to, send[to]!));
    recv[from] = blobOf(r);
  }
};
