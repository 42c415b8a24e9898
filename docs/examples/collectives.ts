// A tour of the collectives: every rank calls each one, in the same order.
// The regions marked below are shown on the Collectives page; rank 0 prints what happened.
import { COMM_WORLD as comm, MAX, SUM } from 'threadmpi';

const { rank, size } = comm;
const show = (line: string): void => {
  if (rank === 0) console.log(line);
};
// What the last rank holds, fetched to rank 0 for printing. gather is itself a collective,
// so every rank calls this (it runs while the argument of show is evaluated), not only rank 0.
const heldByLastRank = (value: unknown): unknown => (comm.gather(value, 0) as unknown[] | null)?.[size - 1];

// #region bcast
// Only the root has the settings before; every rank has its own copy after.
const settings = comm.bcast(rank === 0 ? { steps: 100, label: 'run-1' } : null, 0) as { steps: number; label: string };
// #endregion bcast
show(`bcast:     rank ${size - 1} holds ${JSON.stringify(heldByLastRank(settings))}`);

// #region scatter
// The root provides exactly one value per rank; rank r receives the r-th.
const chunks = rank === 0 ? Array.from({ length: size }, (_, r) => (r + 1) * 10) : null;
const myChunk = comm.scatter(chunks, 0) as number;
// #endregion scatter
show(`scatter:   rank ${size - 1} received ${heldByLastRank(myChunk)}`);

// #region gather
// Every rank contributes one value; the root receives them in rank order, the others get null.
const squares = comm.gather(rank * rank, 0) as number[] | null;
// #endregion gather
show(`gather:    root holds [${squares?.join(', ')}]`);

// #region reduce
// Every rank contributes one value; the root receives them combined with the operation.
const total = comm.reduce(rank + 1, SUM, 0) as number | null;
const largest = comm.reduce(rank + 1, MAX, 0) as number | null;
// #endregion reduce
show(`reduce:    SUM of 1..${size} = ${total}, MAX = ${largest}`);

// #region allgather
// Like gather, but every rank receives the whole list.
const names = comm.allgather(`r${rank}`) as string[];
// #endregion allgather
show(`allgather: rank ${size - 1} holds [${(heldByLastRank(names) as string[] | undefined)?.join(', ')}]`);

// #region typed
// Typed arrays use the capitalised names and a receive buffer; the reduction is element by element.
const mine = Float64Array.of(rank, 2 * rank, 1);
const sums = rank === 0 ? new Float64Array(3) : null;
comm.Reduce(mine, sums, SUM, 0);
// #endregion typed
show(`Reduce:    element-wise SUM = [${sums?.join(', ')}]`);
