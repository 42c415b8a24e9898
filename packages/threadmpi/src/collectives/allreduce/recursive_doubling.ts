/**
 * Recursive-doubling allreduce: in round k, rank r and rank r xor 2^k swap their partial results
 * and both combine them, lower ranks' first; log2 p rounds, each moving the whole vector. Best for
 * short vectors, where latency dominates.
 *
 * For p not a power of two, the first 2*rem ranks pair up (rem = p - pof2): each even one hands its
 * contribution to the odd one above it and receives the finished result at the end. The remaining
 * pof2 ranks keep rank order in their new numbering, so non-commutative operations stay in order.
 */
import type { AllreduceAlgorithm } from '../signatures.js';
import { foldedRank, powerOfTwoFloor } from '../trees.js';

export const recursiveDoubling: AllreduceAlgorithm = function* (c, r) {
  const { rank, size } = c;
  const pof2 = powerOfTwoFloor(size);
  const rem = size - pof2;
  let acc;
  if (rank < 2 * rem && rank % 2 === 0) {
    yield c.send(rank + 1, r.encode(r.own()));
    const op = r.recvResult(c, rank + 1);
    yield op;
    return r.result(op);
  }
  if (rank < 2 * rem) {
    const op = r.recvPartial(c, rank - 1, 0);
    acc = r.start(true);
    yield op;
    acc = r.prepend(acc, r.partial(op, 0));
  } else {
    acc = r.start(true);
  }
  const newRank = rank < 2 * rem ? rank >> 1 : rank - rem;
  for (let m = 1; m < pof2; m <<= 1) {
    const peer = foldedRank(newRank ^ m, rem);
    const recv = r.recvPartial(c, peer, 0);
    yield c.all(c.send(peer, r.encode(acc)), recv);
    const other = r.partial(recv, 0);
    acc = peer < rank ? r.prepend(acc, other) : r.append(acc, other);
  }
  if (rank < 2 * rem) yield c.send(rank - 1, r.encode(acc));
  return acc;
};
