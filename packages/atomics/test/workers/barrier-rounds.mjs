// One party of the barrier test. Each round: publish our round number, check nobody is ahead, meet
// at the barrier, then check nobody is behind. A barrier that lets a thread through early shows up
// as a thread seeing a neighbour's round number out of range; the serial thread of each round
// counts itself in that round's slot.
import { workerData } from 'node:worker_threads';
import { Barrier } from '../../dist/index.js';

const { buffer, barrierOffset, roundOfOffset, serialsOffset, violationsOffset, index, parties, rounds } = workerData;
const barrier = new Barrier(buffer, barrierOffset, parties);
const roundOf = new Int32Array(buffer, roundOfOffset, parties); // roundOf[i]: the round thread i is in
const serials = new Int32Array(buffer, serialsOffset, rounds); // serials[r]: serial threads of round r
const violations = new Int32Array(buffer, violationsOffset, 1);

function countOutOfRange(min, max) {
  for (let i = 0; i < parties; i++) {
    const round = Atomics.load(roundOf, i);
    if (round < min || round > max) Atomics.add(violations, 0, 1);
  }
}

for (let round = 1; round <= rounds; round++) {
  Atomics.store(roundOf, index, round);
  // Before the barrier of round r, nobody can have passed it: all are at r - 1 or r.
  countOutOfRange(round - 1, round);
  if (barrier.wait()) Atomics.add(serials, round - 1, 1);
  // After it, everybody has arrived at round r, and nobody can pass round r + 1 without us.
  countOutOfRange(round, round + 1);
}
