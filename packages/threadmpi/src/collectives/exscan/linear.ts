/**
 * Linear exclusive scan: rank r receives the prefix of ranks 0..r-1 (its result) from r-1, appends
 * its own contribution and passes that on. Rank 0 has no result.
 */
import type { ScanAlgorithm } from '../signatures.js';

export const linear: ScanAlgorithm = function* (c, r) {
  const { rank, size } = c;
  if (rank === 0) {
    if (size > 1) yield c.send(1, r.encode(r.own()));
    return null;
  }
  // Copy our contribution first: in place, the result lands where it is.
  const mine = rank < size - 1 ? r.start(false) : null;
  const recv = r.recvResult(c, rank - 1);
  yield recv;
  const result = r.result(recv);
  if (mine !== null) yield c.send(rank + 1, r.encode(r.prepend(mine, result)));
  return result;
};
