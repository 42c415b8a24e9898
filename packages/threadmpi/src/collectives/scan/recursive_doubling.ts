/**
 * Recursive-doubling scan (MPICH): in round k rank r swaps with r xor 2^k the reduction of its
 * aligned group so far; a partner below also contributes to r's prefix. log2 p rounds for any p;
 * every combination joins adjacent rank ranges, lower first, so rank order is kept.
 */
import type { ScanAlgorithm } from '../signatures.js';

export const recursiveDoubling: ScanAlgorithm = function* (c, r) {
  const { rank, size } = c;
  let prefix = r.start(true);
  let group = r.start(false);
  for (let m = 1; m < size; m <<= 1) {
    const peer = rank ^ m;
    if (peer >= size) continue;
    const recv = r.recvPartial(c, peer, 0);
    yield c.all(c.send(peer, r.encode(group)), recv);
    const other = r.partial(recv, 0);
    if (peer < rank) {
      prefix = r.prepend(prefix, other);
      group = r.prepend(group, other);
    } else {
      group = r.append(group, other);
    }
  }
  return prefix;
};
