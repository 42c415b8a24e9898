// Nonblocking messages: every rank passes values round a ring. Each step
// starts its send and its receive together, then waits for both, so no
// rank sits in a send that nobody is receiving yet.
import { COMM_WORLD as comm, Request } from 'threadmpi';

const { rank, size } = comm;
const right = (rank + 1) % size;
const left = (rank + size - 1) % size;

// Start with our own value; after size - 1 steps, every value has
// visited every rank.
let passing = (rank + 1) ** 2;
let total = passing;
for (let step = 1; step < size; step++) {
  const sending = comm.isend(passing, right);
  const receiving = comm.irecv(left);
  const [, received] = Request.waitall([sending, receiving]);
  passing = received as number;
  total += passing;
}
console.log(`rank ${rank}: 1^2 + ... + ${size}^2 = ${total}`);
