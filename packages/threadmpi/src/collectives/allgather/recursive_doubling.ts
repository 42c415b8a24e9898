/**
 * Recursive-doubling allgather: in round k, rank r and rank r xor 2^k swap everything they have
 * gathered so far, so the gathered range doubles each round: log2 p rounds.
 *
 * For p not a power of two, the ranks from pof2 (largest power of two <= p) up first hand their
 * block to rank r - pof2 and get the whole result back at the end. Meanwhile participant i holds the
 * blocks of two contiguous ranges, [g, g+m) and [g+pof2, g+pof2+m), for its aligned group g of m
 * participants, so every exchange is at most two messages and never a copy.
 */
import type { AllgatherAlgorithm } from '../signatures.js';
import { powerOfTwoFloor } from '../trees.js';

export const recursiveDoubling: AllgatherAlgorithm = function* (c, { uniform }) {
  const { rank, size } = c;
  const whole = uniform!;
  const b = whole.length / size;
  const pof2 = powerOfTwoFloor(size);
  const blocks = (from: number, to: number) => whole.subarray(Math.min(from, size) * b, Math.min(to, size) * b);
  if (rank >= pof2) {
    yield c.send(rank - pof2, blocks(rank, rank + 1));
    yield c.recv(rank - pof2, whole);
    return;
  }
  if (rank + pof2 < size) yield c.recv(rank + pof2, blocks(rank + pof2, rank + pof2 + 1));
  for (let m = 1; m < pof2; m <<= 1) {
    const partner = rank ^ m;
    const mine = rank & ~(m - 1);
    const theirs = partner & ~(m - 1);
    const ops = [c.send(partner, blocks(mine, mine + m)), c.recv(partner, blocks(theirs, theirs + m))];
    // The extra ranges are empty on both sides alike, so both sides skip the same messages.
    const myExtra = blocks(mine + pof2, mine + pof2 + m);
    if (myExtra.length > 0) ops.push(c.send(partner, myExtra));
    const theirExtra = blocks(theirs + pof2, theirs + pof2 + m);
    if (theirExtra.length > 0) ops.push(c.recv(partner, theirExtra));
    yield c.all(...ops);
  }
  if (rank + pof2 < size) yield c.send(rank + pof2, whole);
};
