// A tour of the collectives: every rank calls each one, in the same
// order. The regions marked below are shown on the Collectives page;
// rank 0 prints what happened.
import { COMM_WORLD as comm, MAX, SUM } from 'threadmpi';

const { rank, size } = comm;
const last = size - 1;
const show = (line: string): void => {
  if (rank === 0) console.log(line);
};
// What the last rank holds, fetched to rank 0 for printing. gather is a
// collective itself, so every rank calls this (while the argument of
// show is evaluated), not only rank 0.
const atLastRank = (value: unknown): unknown =>
  (comm.gather(value, 0) as unknown[] | null)?.[last];

// #region bcast
// Only the root has the settings before; every rank has a copy after.
const mySettings = rank === 0 ? { steps: 100, label: 'run-1' } : null;
const settings = comm.bcast(mySettings, 0);
// #endregion bcast
show(`bcast:     rank ${last} holds ${JSON.stringify(atLastRank(settings))}`);

// #region scatter
// The root provides one value per rank; rank r receives the r-th.
const chunks =
  rank === 0 ? Array.from({ length: size }, (_, r) => 10 * (r + 1)) : null;
const myChunk = comm.scatter(chunks, 0);
// #endregion scatter
show(`scatter:   rank ${last} received ${atLastRank(myChunk)}`);

// #region gather
// Every rank contributes one value; the root receives them in rank
// order, and the others receive null.
const squares = comm.gather(rank * rank, 0);
// #endregion gather
show(`gather:    root holds [${(squares as number[] | null)?.join(', ')}]`);

// #region reduce
// Every rank contributes one value; the root receives them combined.
const total = comm.reduce(rank + 1, SUM, 0);
const largest = comm.reduce(rank + 1, MAX, 0);
// #endregion reduce
show(`reduce:    SUM of 1..${size} = ${total}, MAX = ${largest}`);

// #region allgather
// Like gather, but every rank receives the whole list.
const names = comm.allgather(`r${rank}`);
// #endregion allgather
const namesAtLast = atLastRank(names) as string[] | undefined;
show(`allgather: rank ${last} holds [${namesAtLast?.join(', ')}]`);

// #region typed
// Typed arrays use the capitalised names and a receive buffer; the
// reduction works element by element.
const mine = Float64Array.of(rank, 2 * rank, 1);
const sums = rank === 0 ? new Float64Array(3) : null;
comm.Reduce(mine, sums, SUM, 0);
// #endregion typed
show(`Reduce:    element-wise SUM = [${sums?.join(', ')}]`);
