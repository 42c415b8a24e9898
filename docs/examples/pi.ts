// Numerical integration: pi is the integral of 4 / (1 + x^2) from 0 to
// 1. Every rank adds up the midpoint rule for every size-th interval,
// and reduce sums the pieces at rank 0.
import { COMM_WORLD as comm, SUM } from 'threadmpi';

const { rank, size } = comm;

// Classic MPI programs read their input on rank 0 only (from a file, or
// from a person) and broadcast it to the others.
const input = rank === 0 ? Number(process.argv[2] ?? 100_000) : null;
const intervals = comm.bcast(input, 0) as number;

const width = 1 / intervals;
let mine = 0;
for (let i = rank; i < intervals; i += size) {
  const x = width * (i + 0.5);
  mine += 4 / (1 + x * x);
}

const pi = comm.reduce(mine * width, SUM, 0) as number | null;
if (pi !== null) {
  console.log(`${intervals} intervals on ${size} ranks:`);
  console.log(`pi is approximately ${pi.toFixed(10)}`);
  console.log(`error below 1e-10: ${Math.abs(pi - Math.PI) < 1e-10}`);
}
