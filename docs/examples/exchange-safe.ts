// The safe swap: sendrecv lets the library pair the send with the
// receive, so it cannot deadlock, however small the eager limit is.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('exchange needs 2 ranks (-n 2)');
const other = 1 - comm.rank;

const greeting = `greetings from rank ${comm.rank}`;
const received = comm.sendrecv(greeting, other, 0, other, 0);
console.log(`rank ${comm.rank} received '${received}'`);
