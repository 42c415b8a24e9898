// Point-to-point basics: rank 0 and rank 1 bat a message back and forth.
// Tags say what kind of message it is; a Status tells the receiver who
// sent the message it got, and with which tag.
import { COMM_WORLD as comm, Status } from 'threadmpi';

interface Ball {
  round: number;
  text: string;
}

const PING = 1;
const PONG = 2;
const ROUNDS = 3;

if (comm.size < 2) throw new Error('pingpong needs 2 ranks (-n 2)');

if (comm.rank === 0) {
  for (let round = 1; round <= ROUNDS; round++) {
    comm.send({ round, text: 'ping' }, 1, PING);
    const status = new Status();
    const reply = comm.recv(1, PONG, status) as Ball;
    console.log(
      `round ${reply.round}: rank 0 got '${reply.text}'` +
        ` from rank ${status.source} with tag ${status.tag}`,
    );
  }
} else if (comm.rank === 1) {
  for (let round = 1; round <= ROUNDS; round++) {
    const ball = comm.recv(0, PING) as Ball;
    comm.send({ round: ball.round, text: 'pong' }, 0, PONG);
  }
}
// Ranks 2 and up have nothing to do and simply finish.
