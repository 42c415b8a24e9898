// The rank function that mpirun-driver.ts starts: mpirun calls
// main(COMM_WORLD, ...args) on every rank, and the value it returns
// becomes results[rank] in the caller.
import type { Comm } from 'threadmpi';

export function main(comm: Comm, base: number): number {
  // A running total travels up the line 0 -> 1 -> ... -> size-1, each
  // rank adding its share.
  const { rank, size } = comm;
  const before = rank === 0 ? 0 : (comm.recv(rank - 1) as number);
  const after = before + base * (rank + 1);
  if (rank + 1 < size) comm.send(after, rank + 1);
  return after;
}
