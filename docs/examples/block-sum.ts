// SPMD work sharing: every rank runs this same file and works out its
// own block of 1..N from its rank; rank 0 adds up the partial sums it
// receives (the reduce pattern, written by hand).
import { COMM_WORLD as comm } from 'threadmpi';

const N = Number(process.argv[2] ?? 1000);
const { rank, size } = comm;

// Block decomposition: the first N % size ranks take one number more,
// so no two blocks differ by more than one.
const base = Math.floor(N / size);
const extra = N % size;
const first = rank * base + Math.min(rank, extra) + 1;
const last = first + base + (rank < extra ? 1 : 0) - 1;

let partial = 0;
for (let i = first; i <= last; i++) partial += i;

if (rank === 0) {
  console.log(`rank 0 summed ${first}..${last} = ${partial}`);
  let total = partial;
  for (let source = 1; source < size; source++) {
    const [from, to, sum] = comm.recv(source, 0) as number[];
    console.log(`rank ${source} summed ${from}..${to} = ${sum}`);
    total += sum;
  }
  const formula = (N * (N + 1)) / 2;
  console.log(`1 + 2 + ... + ${N} = ${total} (N(N+1)/2 = ${formula})`);
} else {
  comm.send([first, last, partial], 0, 0);
}
