/**
 * Binomial-tree reduce: each rank combines its children's partial results with its own and sends
 * the result to its parent; log2 p steps.
 *
 * Rooted at rank 0, child vr + 2^k heads the rank range [vr + 2^k, vr + 2^(k+1)), so folding the
 * children in nearest-first after one's own contribution is rank order. A non-commutative
 * operation is therefore reduced to rank 0 and the result forwarded to the root (as MPICH does).
 */
import type { ReduceAlgorithm } from '../signatures.js';
import { binomialNode, toRank, virtualRank } from '../trees.js';

export const binomial: ReduceAlgorithm = function* (c, r, root) {
  const p = c.size;
  const treeRoot = r.op.commutative ? root : 0;
  const { parent, children } = binomialNode(virtualRank(c.rank, treeRoot, p), p);
  let acc = r.own();
  if (children.length > 0 || parent < 0) {
    const recvs = children.map((child, slot) => r.recvPartial(c, toRank(child, treeRoot, p), slot));
    acc = r.start(c.rank === root);
    for (let slot = 0; slot < recvs.length; slot++) {
      yield recvs[slot]!;
      acc = r.append(acc, r.partial(recvs[slot]!, slot));
    }
  }
  if (parent >= 0) {
    yield c.send(toRank(parent, treeRoot, p), r.encode(acc));
    if (c.rank !== root) return null;
    const op = r.recvResult(c, treeRoot);
    yield op;
    return r.result(op);
  }
  if (treeRoot === root) return acc;
  yield c.send(root, r.encode(acc));
  return null;
};
