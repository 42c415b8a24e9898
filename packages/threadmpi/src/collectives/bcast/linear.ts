/** Linear broadcast: the root sends the whole message to every other rank itself. */
import { blobOf } from '../exchange.js';
import type { BcastAlgorithm } from '../signatures.js';

export const linear: BcastAlgorithm = function* (c, data, root) {
  if (c.rank !== root) {
    const op = c.recvInto(root, data.bytes);
    yield op;
    data.bytes = blobOf(op);
    return;
  }
  const sends = [];
  for (let k = 1; k < c.size; k++) sends.push(c.send((root + k) % c.size, data.bytes!));
  yield c.all(...sends);
};
