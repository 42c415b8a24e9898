import { COMM_WORLD as comm } from 'threadmpi';

console.log(`Hello from rank ${comm.rank} of ${comm.size}`);
