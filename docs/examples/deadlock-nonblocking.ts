// Fix 2, nonblocking: Isend and Irecv only start the transfers and return at once; waitall then
// waits for both. No rank is ever stuck in one call while its partner is stuck in another.
import { COMM_WORLD as comm, Request } from 'threadmpi';

if (comm.size !== 2) throw new Error('deadlock-nonblocking needs exactly 2 ranks (run with -n 2)');
const count = Number(process.argv[2] ?? 100_000);
const other = 1 - comm.rank;
const outgoing = new Float64Array(count).fill(comm.rank);
const incoming = new Float64Array(count);

const requests = [comm.Isend(outgoing, other), comm.Irecv(incoming, other)];
Request.waitall(requests);
console.log(`rank ${comm.rank} received ${count} values from rank ${incoming[0]}`);
