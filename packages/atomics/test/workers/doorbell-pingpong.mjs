// One side of a doorbell ping-pong: hand the ball to the partner and ring its bell, then sleep on our
// own bell until the ball comes back. Sleeps have no timeout, so a single lost wake-up leaves both
// sides asleep for ever.
import { workerData } from 'node:worker_threads';
import { Doorbell } from '../../dist/index.js';

const { buffer, myBellOffset, partnerBellOffset, myBallOffset, partnerBallOffset, serves, rounds } = workerData;
const myBell = new Doorbell(buffer, myBellOffset);
const partnerBell = new Doorbell(buffer, partnerBellOffset);
const myBall = new Int32Array(buffer, myBallOffset, 1);
const partnerBall = new Int32Array(buffer, partnerBallOffset, 1);

function pass(round) {
  Atomics.store(partnerBall, 0, round);
  partnerBell.ring();
}

function awaitBall(round) {
  // A short spin whose length varies by round: the ball then often arrives just as we decide to
  // sleep, the moment a broken handshake would lose the wake-up.
  const spins = (round * 7) % 50;
  for (let polls = 0; ; polls++) {
    if (Atomics.load(myBall, 0) >= round) return;
    if (polls < spins) continue;
    const ticket = myBell.prepareSleep(); // announce first, then look again, so a ring in between is not missed
    if (Atomics.load(myBall, 0) >= round) {
      myBell.cancelSleep();
      return;
    }
    myBell.sleep(ticket);
  }
}

for (let round = 1; round <= rounds; round++) {
  if (serves) {
    pass(round);
    awaitBall(round);
  } else {
    awaitBall(round);
    pass(round);
  }
}
