// Rank programs for test/trace*.test.ts.
import { Request, setCollectiveAlgorithm, SUM, Wtime } from 'threadmpi';

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

/** An Allgather forced onto a ring, then a Bcast forced onto a binomial tree, then one user message. */
export function ringThenTree(comm) {
  setCollectiveAlgorithm('allgather', 'ring');
  setCollectiveAlgorithm('bcast', 'binomial');
  const all = new Float64Array(comm.size);
  comm.Allgather(Float64Array.of(comm.rank), all);
  const buf = Float64Array.of(comm.rank === 0 ? 42 : 0);
  comm.Bcast(buf, 0);
  if (comm.rank === 0) comm.send('user', 1, 3);
  if (comm.rank === 1) comm.recv(0, 3);
  return [Array.from(all), buf[0]];
}

/**
 * Short Allreduces on the immediate path (collectives/shm/immediate.ts), then the same call with
 * ring forced, then with the choice back to automatic: the forced call must run the ring.
 */
export function forcedAfterImmediate(comm) {
  const x = Float64Array.of(1, 2, 3, comm.rank);
  const out = new Float64Array(4);
  const sums = [];
  const call = () => {
    comm.Allreduce(x, out, SUM);
    sums.push(Array.from(out));
  };
  call();
  call();
  call();
  setCollectiveAlgorithm('allreduce', 'ring');
  call();
  setCollectiveAlgorithm('allreduce', null);
  call();
  return sums;
}
