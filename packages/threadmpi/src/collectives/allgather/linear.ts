/**
 * Linear allgather (direct messaging): every rank sends its block to every other rank at once.
 * One step; p-1 messages per rank. Best for few ranks or small blocks; blocks may have any size.
 */
import { blobOf, type RecvOp, type SendOp } from '../exchange.js';
import type { AllgatherAlgorithm } from '../signatures.js';

export const linear: AllgatherAlgorithm = function* (c, { blocks }) {
  const { rank, size } = c;
  const recvs: RecvOp[] = [];
  const sends: SendOp[] = [];
  for (let k = 1; k < size; k++) recvs.push(c.recvInto((rank - k + size) % size, blocks[(rank - k + size) % size] ?? null));
  for (let k = 1; k < size; k++) sends.push(c.send((rank + k) % size, blocks[rank]!));
  yield c.all(...recvs, ...sends);
  for (let k = 1; k < size; k++) blocks[(rank - k + size) % size] = blobOf(recvs[k - 1]!);
};
