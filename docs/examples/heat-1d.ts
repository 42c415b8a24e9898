// The 1-D heat equation u_t = u_xx on a rod whose ends are held at 0,
// by explicit finite differences. The rod is cut into one block per
// rank on a Cartesian communicator; before every step each rank swaps
// its edge points with its neighbours (the "halo exchange"). At the end
// rank 0 gathers the rod and checks it against a serial run.
import { COMM_WORLD as comm, Cartcomm } from 'threadmpi';

const POINTS = 64; // interior points of the whole rod
const STEPS = 500;
const R = 0.25; // dt / dx^2: explicit steps are stable for R <= 1/2

if (POINTS % comm.size !== 0) throw new Error('ranks must divide 64');

/** The starting temperature: a hot middle third, the rest cold. */
function initial(i: number): number {
  return i >= POINTS / 3 && i < (2 * POINTS) / 3 ? 100 : 0;
}

/** One explicit step on u[1..n], reading the ghosts u[0], u[n+1]. */
function step(u: Float64Array, next: Float64Array, n: number): void {
  for (let i = 1; i <= n; i++) {
    next[i] = u[i] + R * (u[i - 1] - 2 * u[i] + u[i + 1]);
  }
}

// #region cart
// A line of ranks, not periodic: the ends of the rod have no neighbour.
const line = comm.Create_cart([comm.size], [false]) as Cartcomm;
// Shift(0, 1) names the ranks one step down and one step up the line;
// at an end that is PROC_NULL, and a message to or from PROC_NULL does
// nothing, so the end ghosts keep the boundary value 0.
const [left, right] = line.Shift(0, 1);
// #endregion cart

const n = POINTS / line.size;
const first = line.rank * n; // global index of my first point
let u = new Float64Array(n + 2); // u[0] and u[n+1] are ghosts
let next = new Float64Array(n + 2);
for (let i = 1; i <= n; i++) u[i] = initial(first + i - 1);

// #region halo
function exchangeHalo(u: Float64Array): void {
  // My last point goes right while my left ghost arrives from the left,
  // then the other way round. Sendrecv pairs each send with a receive,
  // so the exchange cannot deadlock, whatever the message size.
  line.Sendrecv(u.subarray(n, n + 1), right, 0, u.subarray(0, 1), left, 0);
  line.Sendrecv(u.subarray(1, 2), left, 1, u.subarray(n + 1), right, 1);
}
// #endregion halo

for (let s = 0; s < STEPS; s++) {
  exchangeHalo(u);
  step(u, next, n);
  [u, next] = [next, u];
}

const rod = line.rank === 0 ? new Float64Array(POINTS) : null;
line.Gather(u.subarray(1, n + 1), rod, 0);

if (rod !== null) {
  // The same computation on one rank, with the whole rod in one array.
  let a = new Float64Array(POINTS + 2);
  let b = new Float64Array(POINTS + 2);
  for (let i = 1; i <= POINTS; i++) a[i] = initial(i - 1);
  for (let s = 0; s < STEPS; s++) {
    step(a, b, POINTS);
    [a, b] = [b, a];
  }
  let diff = 0;
  for (let i = 0; i < POINTS; i++) {
    diff = Math.max(diff, Math.abs(rod[i] - a[i + 1]));
  }
  // Heat leaves through the cold ends, so the total can only fall.
  let start = 0;
  for (let i = 0; i < POINTS; i++) start += initial(i);
  const heat = rod.reduce((sum, x) => sum + x, 0);
  console.log(`${POINTS} points, ${STEPS} steps on ${line.size} ranks`);
  console.log(`temperature at the middle: ${rod[POINTS / 2].toFixed(4)}`);
  console.log(`heat in the rod: ${heat.toFixed(2)} of ${start.toFixed(2)}`);
  console.log(`largest difference from the serial run: ${diff}`);
}
line.Free();
