// Matrix-vector product y = A x with A distributed by blocks of rows.
// Rank 0 builds A and scatters one block of rows to every rank; x is
// distributed in pieces too, and Allgather gives every rank all of x.
// Each rank multiplies its rows, and Gather collects y at rank 0, which
// checks it against a serial product.
import { COMM_WORLD as comm } from 'threadmpi';

const N = 8 * comm.size; // 8 rows of A (and 8 entries of x) per rank
const rows = N / comm.size;

const entry = (i: number, j: number) => ((i + 2 * j) % 7) - 3;
const xAt = (j: number) => j + 1;

// #region distribute
let A: Float64Array | null = null;
if (comm.rank === 0) {
  // Row-major, so each rank's block of rows is one contiguous piece.
  A = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) A[i * N + j] = entry(i, j);
  }
}
const myRows = new Float64Array(rows * N);
comm.Scatter(A, myRows, 0);

// Every rank knows its own piece of x; Allgather assembles all of it.
const first = comm.rank * rows;
const myX = Float64Array.from({ length: rows }, (_, k) => xAt(first + k));
const x = new Float64Array(N);
comm.Allgather(myX, x);
// #endregion distribute

// #region multiply
const myY = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  let sum = 0;
  for (let j = 0; j < N; j++) sum += myRows[i * N + j] * x[j];
  myY[i] = sum;
}
const y = comm.rank === 0 ? new Float64Array(N) : null;
comm.Gather(myY, y, 0);
// #endregion multiply

if (y !== null && A !== null) {
  const serial = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) serial[i] += A[i * N + j] * xAt(j);
  }
  console.log(`A is ${N} x ${N}, ${rows} rows on each of ${comm.size} ranks`);
  console.log(`y = ${y.slice(0, 8).join(' ')} ...`);
  const same = y.every((v, i) => v === serial[i]);
  console.log(`same as the serial product: ${same}`);
}
