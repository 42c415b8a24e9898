// UNSAFE on purpose: both ranks send first and receive second. This only
// works while the library buffers the message ("eager" sending); with
// --eager-limit 0 the two sends wait for each other for ever.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('exchange needs 2 ranks (-n 2)');
const other = 1 - comm.rank;

comm.send(`greetings from rank ${comm.rank}`, other);
const received = comm.recv(other);
console.log(`rank ${comm.rank} received '${received}'`);
