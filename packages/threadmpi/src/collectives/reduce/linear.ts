/**
 * Linear reduce: every rank sends its contribution to the root, which combines them in rank order,
 * a0 ∘ ... ∘ a(p-1): the higher ranks after its own, then the lower ones before it.
 */
import type { RecvOp } from '../exchange.js';
import type { ReduceAlgorithm } from '../signatures.js';

export const linear: ReduceAlgorithm = function* (c, r, root) {
  const { rank, size } = c;
  if (rank !== root) {
    yield c.send(root, r.encode(r.own()));
    return null;
  }
  // One receive slot per rank, all posted at once.
  const recvs: RecvOp[] = [];
  for (let i = 0; i < size; i++) if (i !== root) recvs[i] = r.recvPartial(c, i, i);
  let acc = r.start(true);
  for (let i = root + 1; i < size; i++) {
    yield recvs[i]!;
    acc = r.append(acc, r.partial(recvs[i]!, i));
  }
  for (let i = root - 1; i >= 0; i--) {
    yield recvs[i]!;
    acc = r.prepend(acc, r.partial(recvs[i]!, i));
  }
  return acc;
};
