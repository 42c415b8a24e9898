// Run by `threadmpi run` with THREADMPI_COLL_* in the environment: rank 0 prints the algorithms
// chosen for the queries given as JSON in argv[2], after an Allreduce checked under those choices.
import { COMM_WORLD, SUM } from 'threadmpi';
import { chosen } from './coll-selection.mjs';

const comm = COMM_WORLD;
const sum = new Float64Array(1);
comm.Allreduce(Float64Array.of(comm.rank + 1), sum, SUM);
if (sum[0] !== (comm.size * (comm.size + 1)) / 2) throw new Error(`wrong Allreduce result ${sum[0]}`);
if (comm.rank === 0) console.log(JSON.stringify(chosen(comm, JSON.parse(process.argv[2]))));
