/** Linear scatter: the root sends every rank its block directly. */
import { blobOf, type SendOp } from '../exchange.js';
import type { ScatterAlgorithm } from '../signatures.js';

export const linear: ScatterAlgorithm = function* (c, blocks, root) {
  const { rank, size } = c;
  if (rank !== root) {
    const op = c.recvInto(root, blocks[rank] ?? null);
    yield op;
    blocks[rank] = blobOf(op);
    return;
  }
  const sends: SendOp[] = [];
  for (let k = 1; k < size; k++) sends.push(c.send((root + k) % size, blocks[(root + k) % size]!));
  yield c.all(...sends);
};
