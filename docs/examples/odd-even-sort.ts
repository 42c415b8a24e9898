// Parallel sort by odd-even transposition. Every rank holds a block of
// numbers and sorts it. Then, in `size` phases, neighbouring ranks swap
// their blocks: the lower rank keeps the smaller half of the two, the
// higher rank the larger half. Even phases pair ranks (0,1), (2,3)...;
// odd phases pair (1,2), (3,4).... After `size` phases the blocks, read
// in rank order, are sorted. Rank 0 checks against a serial sort.
import { COMM_WORLD as comm } from 'threadmpi';

const PER_RANK = 1000;

/** Rank r's numbers: a small linear congruential generator, seed r. */
function numbers(r: number): Int32Array {
  const out = new Int32Array(PER_RANK);
  let x = 12345 + r;
  for (let i = 0; i < PER_RANK; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x % 100_000;
  }
  return out;
}

const { rank, size } = comm;
const mine = numbers(rank).sort(); // typed arrays sort numerically
const theirs = new Int32Array(PER_RANK);
const merged = new Int32Array(2 * PER_RANK);

// #region phases
for (let phase = 0; phase < size; phase++) {
  // In an even phase, even ranks look up; in an odd phase, down.
  const up = (phase + rank) % 2 === 0;
  const partner = up ? rank + 1 : rank - 1;
  if (partner < 0 || partner >= size) continue; // no partner: sit out
  comm.Sendrecv(mine, partner, phase, theirs, partner, phase);
  merged.set(mine);
  merged.set(theirs, PER_RANK);
  merged.sort();
  // The lower rank of the pair keeps the smaller half.
  mine.set(merged.subarray(up ? 0 : PER_RANK, up ? PER_RANK : 2 * PER_RANK));
}
// #endregion phases

const all = rank === 0 ? new Int32Array(PER_RANK * size) : null;
comm.Gather(mine, all, 0);

if (all !== null) {
  const serial = new Int32Array(PER_RANK * size);
  for (let r = 0; r < size; r++) serial.set(numbers(r), r * PER_RANK);
  serial.sort();
  const same = all.every((v, i) => v === serial[i]);
  console.log(`${all.length} numbers on ${size} ranks, ${size} phases`);
  console.log(`smallest ${all[0]}, median ${all[all.length / 2]},` +
    ` largest ${all[all.length - 1]}`);
  console.log(`same as a serial sort: ${same}`);
}
