// Rank programs for test/trace*.test.ts.
import { Request, Wtime } from 'threadmpi';

/** `rounds` sendrecv steps round a ring, then one typed Isend/Irecv pair; returns Wtime at start and end. */
export function ring(comm, rounds) {
  const t0 = Wtime();
  const { rank, size } = comm;
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  let token = rank;
  for (let i = 0; i < rounds; i++) token = comm.sendrecv(token, right, 1, left, 1);
  const got = new Float64Array(4);
  Request.waitall([comm.Isend(new Float64Array(4).fill(rank), right, 2), comm.Irecv(got, left, 2)]);
  return { token, got: got[0], t0, t1: Wtime() };
}

export function headToHead(comm) {
  comm.send('first', 1 - comm.rank, 0);
  comm.recv(1 - comm.rank, 0);
}

/** The source of the send method this rank's COMM_WORLD calls: shows whether tracing wrapped it. */
export function sendSource(comm) {
  return comm.send.toString();
}
