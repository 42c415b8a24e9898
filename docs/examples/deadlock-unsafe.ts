// UNSAFE on purpose: both ranks send first, then receive. A small message is buffered, so Send
// returns at once and this works; a large one is sent synchronously, so each rank's Send waits for
// the other rank's Recv, which neither ever reaches. threadmpi stops the job and reports it.
//   threadmpi run -n 2 deadlock-unsafe.ts        deadlock (100000 values)
//   threadmpi run -n 2 deadlock-unsafe.ts 100    works, by luck of buffering
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.size !== 2) throw new Error('deadlock-unsafe needs exactly 2 ranks (run with -n 2)');
const count = Number(process.argv[2] ?? 100_000);
const other = 1 - comm.rank;
const outgoing = new Float64Array(count).fill(comm.rank);
const incoming = new Float64Array(count);

comm.Send(outgoing, other);
comm.Recv(incoming, other);
console.log(`rank ${comm.rank} received ${count} values from rank ${incoming[0]}`);
