// Fix 3, Sendrecv: one call that sends one message and receives another, so the library pairs them
// and the exchange cannot deadlock against the partner's Sendrecv.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('deadlock-sendrecv needs exactly 2 ranks (run with -n 2)');
const count = Number(process.argv[2] ?? 100_000);
const other = 1 - comm.rank;
const outgoing = new Float64Array(count).fill(comm.rank);
const incoming = new Float64Array(count);

comm.Sendrecv(outgoing, other, 0, incoming, other, 0);
console.log(`rank ${comm.rank} received ${count} values from rank ${incoming[0]}`);
