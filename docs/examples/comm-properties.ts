import { COMM_WORLD as comm } from 'threadmpi';

// rank: this rank's number in comm, 0 .. comm.size - 1
// size: how many ranks comm has
// name: a readable name, e.g. 'WORLD'
const { rank, size, name } = comm;
console.log(`rank ${rank} of ${size} in ${name}`);
