// The 2-D heat equation on a square plate whose edges are held at 0.
// The ranks form a 2-D Cartesian grid and each owns one tile of the
// plate, with a one-point ghost border. Every step, each rank swaps its
// edge rows with its north and south neighbours and its edge columns
// with its west and east neighbours. A column is strided in memory, so
// a vector datatype sends it in place. Rank 0 gathers the plate and
// checks it against a serial run.
import { COMM_WORLD as comm, Compute_dims, FLOAT64, Cartcomm } from 'threadmpi';

const SIDE = 24; // interior points along each side of the plate
const STEPS = 200;
const R = 0.2; // dt / dx^2: explicit steps are stable for R <= 1/4

/** The starting temperature: a hot square off the centre. */
function initial(y: number, x: number): number {
  return y >= 4 && y < 12 && x >= 6 && x < 16 ? 100 : 0;
}

/** One five-point step on the interior of a (rows+2) x (cols+2) tile. */
function step(u: Float64Array, next: Float64Array, rows: number, cols: number) {
  const w = cols + 2;
  for (let y = 1; y <= rows; y++) {
    for (let x = 1; x <= cols; x++) {
      const i = y * w + x;
      const around = u[i - w] + u[i + w] + u[i - 1] + u[i + 1];
      next[i] = u[i] + R * (around - 4 * u[i]);
    }
  }
}

// #region cart
// Compute_dims proposes a balanced grid: 4 ranks -> [2, 2].
const dims = Compute_dims(comm.size, 2);
const grid = comm.Create_cart(dims, [false, false]) as Cartcomm;
const [north, south] = grid.Shift(0, 1); // neighbours along the rows
const [west, east] = grid.Shift(1, 1); // neighbours along the columns
// #endregion cart

const [py, px] = grid.dims;
if (SIDE % py !== 0 || SIDE % px !== 0) throw new Error('grid must divide 24');
const rows = SIDE / py;
const cols = SIDE / px;
const [cy, cx] = grid.coords;
const w = cols + 2; // a tile row, ghosts included

let u = new Float64Array((rows + 2) * w);
let next = new Float64Array((rows + 2) * w);
for (let y = 1; y <= rows; y++) {
  for (let x = 1; x <= cols; x++) {
    u[y * w + x] = initial(cy * rows + y - 1, cx * cols + x - 1);
  }
}

// #region halo
// One tile column: `rows` single elements, a tile row apart.
const column = FLOAT64.Create_vector(rows, 1, w).Commit();
const at = (y: number, x: number) => u.subarray(y * w + x);

function exchangeHalo(): void {
  // Rows are contiguous: my first row goes north while my south ghost
  // row arrives from the south, and the other way round.
  grid.Sendrecv([at(1, 1), cols], north, 0, [at(rows + 1, 1), cols], south, 0);
  grid.Sendrecv([at(rows, 1), cols], south, 1, [at(0, 1), cols], north, 1);
  // Columns are strided: one element of the column datatype each.
  const col = (x: number) => [at(1, x), 1, column] as const;
  grid.Sendrecv(col(1), west, 2, col(cols + 1), east, 2);
  grid.Sendrecv(col(cols), east, 3, col(0), west, 3);
}
// #endregion halo

for (let s = 0; s < STEPS; s++) {
  exchangeHalo();
  step(u, next, rows, cols);
  [u, next] = [next, u];
}

// Each rank hands in its tile (without ghosts) and where it belongs.
const tile = new Float64Array(rows * cols);
for (let y = 0; y < rows; y++) {
  tile.set(at(y + 1, 1).subarray(0, cols), y * cols);
}
const tiles = grid.gather({ cy, cx, tile }, 0);

if (tiles !== null) {
  const plate = new Float64Array(SIDE * SIDE);
  type Tile = { cy: number; cx: number; tile: Float64Array };
  for (const t of tiles as Tile[]) {
    for (let y = 0; y < rows; y++) {
      const row = t.tile.subarray(y * cols, (y + 1) * cols);
      plate.set(row, (t.cy * rows + y) * SIDE + t.cx * cols);
    }
  }
  // The same steps on one rank, with the whole plate in one tile.
  const ws = SIDE + 2;
  let a = new Float64Array(ws * ws);
  let b = new Float64Array(ws * ws);
  for (let y = 1; y <= SIDE; y++) {
    for (let x = 1; x <= SIDE; x++) a[y * ws + x] = initial(y - 1, x - 1);
  }
  for (let s = 0; s < STEPS; s++) {
    step(a, b, SIDE, SIDE);
    [a, b] = [b, a];
  }
  let diff = 0;
  let hottest = 0;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const p = plate[y * SIDE + x];
      diff = Math.max(diff, Math.abs(p - a[(y + 1) * ws + x + 1]));
      hottest = Math.max(hottest, p);
    }
  }
  console.log(`${SIDE} x ${SIDE} plate, ${STEPS} steps, ${py} x ${px} ranks`);
  console.log(`hottest point now: ${hottest.toFixed(4)} (was 100)`);
  console.log(`largest difference from the serial run: ${diff}`);
}
column.Free();
grid.Free();
