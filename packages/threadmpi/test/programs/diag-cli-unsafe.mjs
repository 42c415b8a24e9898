// Both ranks send first: works while messages are buffered, deadlocks with --eager-limit 0.
import { COMM_WORLD as comm } from 'threadmpi';

const other = 1 - comm.rank;
comm.send(`greetings from rank ${comm.rank}`, other);
console.log(`rank ${comm.rank} received '${comm.recv(other)}'`);
