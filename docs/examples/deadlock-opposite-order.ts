// Fix 1, opposite order: even ranks send then receive, odd ranks receive then send. Every Send
// now meets a Recv that is already waiting for it, however large the message.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('deadlock-opposite-order needs exactly 2 ranks (run with -n 2)');
const count = Number(process.argv[2] ?? 100_000);
const other = 1 - comm.rank;
const outgoing = new Float64Array(count).fill(comm.rank);
const incoming = new Float64Array(count);

if (comm.rank % 2 === 0) {
  comm.Send(outgoing, other);
  comm.Recv(incoming, other);
} else {
  comm.Recv(incoming, other);
  comm.Send(outgoing, other);
}
console.log(`rank ${comm.rank} received ${count} values from rank ${incoming[0]}`);
