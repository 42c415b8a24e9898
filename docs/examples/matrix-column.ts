// Derived datatypes: a column of a row-major matrix is strided in
// memory. A vector datatype describes the stride once, so the column is
// sent straight from the matrix, without a copy loop.
import { COMM_WORLD as comm, FLOAT64 } from 'threadmpi';

const ROWS = 3;
const COLS = comm.size; // one column for each rank

// #region column-type
// ROWS blocks of 1 element, the starts of the blocks COLS elements apart.
const column = FLOAT64.Create_vector(ROWS, 1, COLS).Commit();
// #endregion column-type

if (comm.rank === 0) {
  // a[r][c] = 10 r + c, stored row after row.
  const a = new Float64Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) a[r * COLS + c] = 10 * r + c;
    const row = a.subarray(r * COLS, (r + 1) * COLS);
    console.log(`matrix row ${r}: ${row.join(' ')}`);
  }
  // #region send-column
  // Column c starts at element c; the datatype steps down the rows.
  for (let c = 1; c < COLS; c++) comm.Send([a.subarray(c), 1, column], c);
  // #endregion send-column
} else {
  // #region recv-column
  // The receiver may use any layout with as many FLOAT64s: here, a plain
  // contiguous array.
  const received = new Float64Array(ROWS);
  comm.Recv(received, 0);
  // #endregion recv-column
  const values = received.join(', ');
  console.log(`rank ${comm.rank} received column ${comm.rank}: [${values}]`);
}
