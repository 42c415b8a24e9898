/**
 * Linear alltoall: post every receive and every send at once and wait for all of them (Open MPI's
 * basic linear). One step; blocks may have any size.
 */
import { blobOf, type RecvOp, type SendOp } from '../exchange.js';
import type { AlltoallAlgorithm } from '../signatures.js';

export const linear: AlltoallAlgorithm = function* (c, { send, recv }) {
  const { rank, size } = c;
  const recvs: RecvOp[] = [];
  const sends: SendOp[] = [];
  // Staggered peer order: rank r starts with r+1, so no rank is everybody's first destination.
  for (let k = 1; k < size; k++) recvs.push(c.recvInto((rank - k + size) % size, recv[(rank - k + size) % size] ?? null));
  for (let k = 1; k < size; k++) sends.push(c.send((rank + k) % size, send[(rank + k) % size]!));
  yield c.all(...recvs, ...sends);
  for (let k = 1; k < size; k++) recv[(rank - k + size) % size] = blobOf(recvs[k - 1]!);
};
