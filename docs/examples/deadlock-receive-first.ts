// Fix 4, receive first: post the receive with Irecv before sending. The blocking Send can then
// complete, because the partner's receive is already posted; wait for our own receive last.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('deadlock-receive-first needs exactly 2 ranks (run with -n 2)');
const count = Number(process.argv[2] ?? 100_000);
const other = 1 - comm.rank;
const outgoing = new Float64Array(count).fill(comm.rank);
const incoming = new Float64Array(count);

const receiving = comm.Irecv(incoming, other);
comm.Send(outgoing, other);
receiving.wait();
console.log(`rank ${comm.rank} received ${count} values from rank ${incoming[0]}`);
