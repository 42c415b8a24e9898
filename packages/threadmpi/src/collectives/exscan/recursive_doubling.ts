/**
 * Recursive-doubling exclusive scan (MPICH): as the scan, except that rank r's result only
 * collects what partners below it contribute, starting from the first one. log2 p rounds.
 */
import type { ScanAlgorithm } from '../signatures.js';

export const recursiveDoubling: ScanAlgorithm = function* (c, r) {
  const { rank, size } = c;
  let group = r.start(false);
  let prefix = null;
  let hasPrefix = false;
  for (let m = 1; m < size; m <<= 1) {
    const peer = rank ^ m;
    if (peer >= size) continue;
    const recv = r.recvPartial(c, peer, 0);
    yield c.all(c.send(peer, r.encode(group)), recv);
    const other = r.partial(recv, 0);
    if (peer < rank) {
      prefix = hasPrefix ? r.prepend(prefix!, other) : r.adopt(other);
      hasPrefix = true;
      group = r.prepend(group, other);
    } else {
      group = r.append(group, other);
    }
  }
  return hasPrefix ? prefix : null;
};
