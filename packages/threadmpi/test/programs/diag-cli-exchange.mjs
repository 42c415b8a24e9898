// A safe two-rank exchange, run through the CLI by the diagnostics tests.
import { COMM_WORLD as comm } from 'threadmpi';

const other = 1 - comm.rank;
console.log(`rank ${comm.rank} got ${comm.sendrecv(comm.rank, other, 0, other, 0)}`);
