/** Linear scan: rank r receives the prefix of ranks 0..r-1 from r-1, appends its own, passes it on. p-1 steps. */
import type { ScanAlgorithm } from '../signatures.js';

export const linear: ScanAlgorithm = function* (c, r) {
  const { rank, size } = c;
  const recv = rank > 0 ? r.recvPartial(c, rank - 1, 0) : null;
  let acc = r.start(true);
  if (recv !== null) {
    yield recv;
    acc = r.prepend(acc, r.partial(recv, 0));
  }
  if (rank < size - 1) yield c.send(rank + 1, r.encode(acc));
  return acc;
};
