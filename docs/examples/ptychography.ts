// Electron ptychography, as PtyREX runs it on a cluster, in miniature.
// A tomography experiment scans the same specimen at several tilt
// angles; each tilt gives one projection to reconstruct from its
// diffraction patterns. The world splits by color into one job per
// projection; inside a job the scan positions are shared out, and every
// iteration the job sums its ranks' updates with Allreduce. All
// projections were taken with the same probe, so the job leaders
// average their probe estimates (an Allreduce on a communicator of
// leaders) and each leader broadcasts the average to its job.
import {
  COMM_WORLD as world, IN_PLACE, LAND, SUM, UNDEFINED, type Intracomm,
} from 'threadmpi';
import { fft2 } from './ptycho-fft.js';
import {
  OBJECT, PROBE, TRUE_PROBE, diffraction, exitWave, image, probe,
  projection, scan, type Image,
} from './ptycho-data.js';

const ANGLES = [0, 60]; // tilt of each projection, in degrees
const ITERATIONS = 30;
const REPORT_EVERY = 10;

if (world.size < ANGLES.length) throw new Error('needs a rank per angle');

// #region split
// Consecutive world ranks form a job: with 4 ranks, 0-1 and 2-3.
const jobIndex = Math.floor((world.rank * ANGLES.length) / world.size);
const job = world.Split(jobIndex, world.rank) as Intracomm;
// Job leaders (rank 0 of each job) get a communicator of their own;
// everyone else passes UNDEFINED and gets null.
const isLeader = job.rank === 0;
const leaders = world.Split(isLeader ? 0 : UNDEFINED, world.rank);
// #endregion split

// The experiment: every rank computes the data of its own positions.
const positions = scan().filter((_, i) => i % job.size === job.rank);
const truth = projection(ANGLES[jobIndex]);
const measured = positions.map(([y, x]) => diffraction(truth, y, x));

// First guesses: a flat object and a probe of the wrong size and focus.
const obj = image(OBJECT);
obj.re.fill(1);
const firstProbe = () => probe(4, 0);
const prb = firstProbe();

// Everything the job sums each iteration, in one buffer: the numerators
// and denominators of the object and probe updates, and two error sums.
const O2 = OBJECT * OBJECT;
const P2 = PROBE * PROBE;
const sums = new Float64Array(3 * O2 + 3 * P2 + 2);
const objRe = sums.subarray(0, O2);
const objIm = sums.subarray(O2, 2 * O2);
const objW = sums.subarray(2 * O2, 3 * O2);
const prbRe = sums.subarray(3 * O2, 3 * O2 + P2);
const prbIm = sums.subarray(3 * O2 + P2, 3 * O2 + 2 * P2);
const prbW = sums.subarray(3 * O2 + 2 * P2, 3 * O2 + 3 * P2);
const errors = sums.subarray(3 * O2 + 3 * P2);

// #region local
/** This rank's share of one iteration: for each of its positions,
 *  replace the exit wave's Fourier magnitude by the measured one and
 *  add what the corrected wave says about the object and the probe. */
function accumulate(): void {
  sums.fill(0);
  positions.forEach(([y, x], n) => {
    const psi = exitWave(prb, obj, y, x);
    fft2(psi.re, psi.im, PROBE);
    for (let k = 0; k < P2; k++) {
      const mag = Math.hypot(psi.re[k], psi.im[k]);
      errors[0] += (mag - measured[n][k]) ** 2;
      errors[1] += measured[n][k] ** 2;
      const scale = mag > 0 ? measured[n][k] / mag : 0;
      psi.re[k] *= scale;
      psi.im[k] *= scale;
    }
    fft2(psi.re, psi.im, PROBE, true);
    for (let i = 0; i < PROBE; i++) {
      for (let j = 0; j < PROBE; j++) {
        const k = i * PROBE + j;
        const o = (y + i) * OBJECT + x + j;
        const [pr, pi, or, oi] = [prb.re[k], prb.im[k], obj.re[o], obj.im[o]];
        // conj(probe) * psi for the object, conj(object) * psi for the
        // probe, each weighted by the other's intensity.
        objRe[o] += pr * psi.re[k] + pi * psi.im[k];
        objIm[o] += pr * psi.im[k] - pi * psi.re[k];
        objW[o] += pr * pr + pi * pi;
        prbRe[k] += or * psi.re[k] + oi * psi.im[k];
        prbIm[k] += or * psi.im[k] - oi * psi.re[k];
        prbW[k] += or * or + oi * oi;
      }
    }
  });
}
// #endregion local

/** new = (sum + a * old) / (weight + a): a division that stays tame
 *  where few positions reached a pixel (the weight is small there). */
function update(img: Image, re: Float64Array, im: Float64Array,
  weight: Float64Array): void {
  const a = 1e-3 * Math.max(...weight);
  for (let k = 0; k < weight.length; k++) {
    img.re[k] = (re[k] + a * img.re[k]) / (weight[k] + a);
    img.im[k] = (im[k] + a * img.im[k]) / (weight[k] + a);
  }
}

const history: number[] = [];
for (let it = 0; it <= ITERATIONS; it++) {
  // #region iteration
  accumulate();
  // The job's positions together: every rank of the job gets the sums.
  job.Allreduce(IN_PLACE, sums, SUM);
  if (it % REPORT_EVERY === 0) history.push(Math.sqrt(errors[0] / errors[1]));
  update(obj, objRe, objIm, objW);
  update(prb, prbRe, prbIm, prbW);
  // #endregion iteration
  // #region probe
  // One probe for all projections: the leaders average their estimates
  // and hand the average to their jobs.
  const both = new Float64Array(2 * P2);
  both.set(prb.re);
  both.set(prb.im, P2);
  if (leaders !== null) {
    leaders.Allreduce(IN_PLACE, both, SUM);
    for (let k = 0; k < both.length; k++) both[k] /= leaders.size;
  }
  job.Bcast(both, 0);
  prb.re.set(both.subarray(0, P2));
  prb.im.set(both.subarray(P2));
  // #endregion probe
}

/** Distance from the true probe, after the best complex rescaling (a
 *  reconstruction is only defined up to a constant factor). */
function probeError(p: Image): number {
  let cr = 0, ci = 0, pp = 0, tt = 0;
  for (let k = 0; k < P2; k++) {
    const [ar, ai] = [p.re[k], p.im[k]];
    const [br, bi] = [TRUE_PROBE.re[k], TRUE_PROBE.im[k]];
    cr += ar * br + ai * bi; // <p, true>
    ci += ar * bi - ai * br;
    pp += ar * ar + ai * ai;
    tt += br * br + bi * bi;
  }
  // |c p - true|^2 with c = <p, true> / <p, p> is tt - |<p, true>|^2 / pp.
  return Math.sqrt(Math.max(0, tt - (cr * cr + ci * ci) / pp) / tt);
}

// Every rank must hold the same probe; LAND over WORLD checks it.
const reference = new Float64Array(2 * P2);
if (world.rank === 0) {
  reference.set(prb.re);
  reference.set(prb.im, P2);
}
world.Bcast(reference, 0);
const mine = (k: number) => (k < P2 ? prb.re[k] : prb.im[k - P2]);
const same = reference.every((v, k) => v === mine(k));
const allSame = world.allreduce(same, LAND);

// Each leader reports its job's history to world rank 0.
type Report = { angle: number; history: number[] };
const report: Report = { angle: ANGLES[jobIndex], history };
const reports = leaders?.gather(report, 0) as Report[] | null | undefined;
if (world.rank === 0 && reports) {
  console.log(`${ANGLES.length} projections, ranks per job: ${job.size},` +
    ` scan positions per projection: ${scan().length}`);
  const head = reports.map((r) => `error at ${r.angle} deg`.padStart(16));
  console.log(`iteration ${head.join(' ')}`);
  history.forEach((_, i) => {
    const row = reports.map((r) => r.history[i].toFixed(3).padStart(16));
    console.log(`${String(i * REPORT_EVERY).padStart(9)} ${row.join(' ')}`);
  });
  const falls = reports.every((r) =>
    r.history.every((e, i) => i === 0 || e < r.history[i - 1]));
  console.log(`error falls at every report: ${falls}`);
  const [start, end] = [probeError(firstProbe()), probeError(prb)];
  console.log(`probe error: ${start.toFixed(3)} at the start,` +
    ` ${end.toFixed(3)} at the end`);
  console.log(`every rank holds the same probe: ${allSame}`);
}
leaders?.Free();
job.Free();
