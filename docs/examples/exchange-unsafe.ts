// UNSAFE on purpose: both ranks send first and receive second. This only works while the library
// buffers the message ("eager" sending); run with --eager-limit 0 and the two sends wait for each other.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('exchange-unsafe needs exactly 2 ranks (run with -n 2)');
const other = 1 - comm.rank;

comm.send(`greetings from rank ${comm.rank}`, other);
const received = comm.recv(other) as string;
console.log(`rank ${comm.rank} received '${received}'`);
