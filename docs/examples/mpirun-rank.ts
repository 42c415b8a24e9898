// The rank function that mpirun-driver.ts starts: mpirun calls main(COMM_WORLD, ...args) on every
// rank, and the value it returns becomes results[rank] in the caller.
import type { Comm } from 'threadmpi';

export function main(comm: Comm, base: number): number {
  // Rank 0 passes a running total up the line 0 -> 1 -> ... -> size-1, each rank adding its share.
  const before = comm.rank === 0 ? 0 : (comm.recv(comm.rank - 1) as number);
  const after = before + base * (comm.rank + 1);
  if (comm.rank + 1 < comm.size) comm.send(after, comm.rank + 1);
  return after;
}
