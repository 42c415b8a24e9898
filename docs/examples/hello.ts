// The first SPMD program: every rank runs this file; COMM_WORLD tells each who it is.
import { COMM_WORLD as comm } from 'threadmpi';

const rank: number = comm.rank;
const size: number = comm.size;
// Pass a token around the ring so the greeting proves the ranks really talk to each other.
const token = rank === 0 ? 'token' : comm.recv(rank - 1, 0);
console.log(`Hello from rank ${rank} of ${size} (token from rank ${(rank + size - 1) % size})`);
if (size > 1) comm.send(token, (rank + 1) % size, 0);
if (rank === 0 && size > 1) comm.recv(size - 1, 0);
