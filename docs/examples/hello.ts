// The first SPMD program: every rank runs this file, and COMM_WORLD
// tells each rank who it is.
import { COMM_WORLD as comm } from 'threadmpi';

const rank: number = comm.rank;
const size: number = comm.size;
// Pass a token around the ring, so that the greeting proves the ranks
// really talk to each other.
const token = rank === 0 ? 'token' : comm.recv(rank - 1, 0);
const left = (rank + size - 1) % size;
console.log(`Hello from rank ${rank} of ${size} (token from rank ${left})`);
if (size > 1) comm.send(token, (rank + 1) % size, 0);
if (rank === 0 && size > 1) comm.recv(size - 1, 0);
