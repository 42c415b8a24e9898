/** Linear gather: every rank sends its block to the root, which receives them all at once. */
import { blobOf, type RecvOp } from '../exchange.js';
import type { GatherAlgorithm } from '../signatures.js';

export const linear: GatherAlgorithm = function* (c, blocks, root) {
  const { rank, size } = c;
  if (rank !== root) {
    yield c.send(root, blocks[rank]!);
    return;
  }
  const recvs: RecvOp[] = [];
  for (let k = 1; k < size; k++) recvs.push(c.recvInto((root + k) % size, blocks[(root + k) % size] ?? null));
  yield c.all(...recvs);
  for (let k = 1; k < size; k++) blocks[(root + k) % size] = blobOf(recvs[k - 1]!);
};
