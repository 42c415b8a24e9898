/**
 * Rabenseifner's allreduce: a reduce-scatter by recursive halving, then an allgather by recursive
 * doubling. Each rank sends about 2x the vector in 2 log2 p steps: fewer steps than the ring and
 * the same volume, the usual choice for medium and long vectors.
 *
 * Non-powers of two fold the first 2*rem ranks in pairs first, as recursive doubling does. The
 * halving pairs partners at doubling distance (1, 2, 4, ...), so each rank's partial always covers
 * an aligned, contiguous range of ranks, combined lower range first: rank order is kept and
 * non-commutative operations are allowed.
 */
import { typedOnly } from '../reduction.js';
import { evenPartition } from '../ring.js';
import type { AllreduceAlgorithm } from '../signatures.js';
import { foldedRank, powerOfTwoFloor } from '../trees.js';

export const rabenseifner: AllreduceAlgorithm = function* (c, reduction) {
  const r = typedOnly(reduction, 'allreduce rabenseifner');
  type Result = typeof reduction extends { own(): infer P } ? P : never;
  const { rank, size } = c;
  const pof2 = powerOfTwoFloor(size);
  const rem = size - pof2;
  const acc = r.start(true);
  if (rank < 2 * rem && rank % 2 === 0) {
    yield c.send(rank + 1, acc);
    yield c.recv(rank + 1, acc);
    return acc as Result;
  }
  if (rank < 2 * rem) {
    const scratch = r.scratchBytes(0);
    yield c.recv(rank - 1, scratch);
    r.prepend(acc, scratch);
  }
  const newRank = rank < 2 * rem ? rank >> 1 : rank - rem;
  const { offsets } = evenPartition(acc.length / r.unitBytes, r.unitBytes, pof2);
  const blocks = (lo: number, hi: number) => acc.subarray(offsets[lo]!, hi < pof2 ? offsets[hi]! : acc.length);
  // This rank's blocks are [lo, hi); each halving round keeps one half and sends the partner the other.
  let lo = 0;
  let hi = pof2;
  for (let m = 1; m < pof2; m <<= 1) {
    const peer = foldedRank(newRank ^ m, rem);
    const lower = (newRank & m) === 0;
    const mid = (lo + hi) >> 1;
    const [keepLo, keepHi] = lower ? [lo, mid] : [mid, hi];
    const keep = blocks(keepLo, keepHi);
    const scratch = r.scratchBytes(0, keep.length);
    yield c.all(c.send(peer, lower ? blocks(mid, hi) : blocks(lo, mid)), c.recv(peer, scratch));
    if (lower) r.append(keep, scratch);
    else r.prepend(keep, scratch);
    lo = keepLo;
    hi = keepHi;
  }
  // Undo the halving: each round doubles the range by swapping with the partner that holds its other half.
  for (let m = pof2 >> 1; m >= 1; m >>= 1) {
    const peer = foldedRank(newRank ^ m, rem);
    const span = hi - lo;
    const [peerLo, peerHi] = (newRank & m) === 0 ? [hi, hi + span] : [lo - span, lo];
    yield c.all(c.send(peer, blocks(lo, hi)), c.recv(peer, blocks(peerLo, peerHi)));
    lo = Math.min(lo, peerLo);
    hi = Math.max(hi, peerHi);
  }
  if (rank < 2 * rem) yield c.send(rank - 1, acc);
  return acc as Result;
};
