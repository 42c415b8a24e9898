/**
 * One-sided rank functions, OSU style (osu_put_latency, osu_get_latency, osu_acc_latency,
 * osu_fop_latency, osu_cas_latency, osu_put_bw, osu_get_bw), on 2 ranks: rank 0 is the origin, rank 1
 * the target. `step.variant` is the synchronisation mode (epochs.ts); the rank argument says how the
 * window is made (OSU's `-w`). Latency is the time of one iteration (operation plus synchronisation);
 * bandwidth moves a window of operations per iteration. Rank 0 returns the timing.
 *
 * After the loop every rank checks what it can see: the target its window, the origin what it read,
 * and the total of wrong elements is reported with the timing.
 */
import { SUM, Win, type Intracomm, type TypedArray, type WindowArrayType } from 'threadmpi';
import { repeat, timeIterations, timeRoundTrips } from '../measure/loops.js';
import { batchesWhileRankZero } from '../measure/rank-zero-batches.js';
import { bandwidthTiming, type RankStep, type Timing } from '../measure/timing.js';
import { epochsFor, ORIGIN, TARGET, type Epochs, type SyncMode } from './epochs.js';
import { clearBytes, contribution, countWrong, countWrongBlocks, patternBlocks } from './patterns.js';

export const WINDOW_CREATIONS = ['allocate', 'create'] as const;
export type WindowCreation = (typeof WINDOW_CREATIONS)[number];

const FLOAT64_BYTES = 8;

function makeWindow<A extends TypedArray>(comm: Intracomm, count: number, T: WindowArrayType<A>, creation: WindowCreation): Win<A> {
  if (creation === 'allocate') return Win.Allocate(comm, count, T);
  return Win.Create(comm, new T(new SharedArrayBuffer(count * T.BYTES_PER_ELEMENT)));
}

/** One benchmark's operation on a window, and how each rank sets up and checks its data. */
interface OneSidedCase<A extends TypedArray> {
  readonly win: Win<A>;
  /** One operation, issued by the origin. */
  readonly op: () => void;
  /** Ranks' wrong elements after `operations` operations. */
  readonly check: (operations: number) => number;
}

/** How many operations one iteration issues: 1 for latency, the window for bandwidth. */
type Shape = { readonly kind: 'latency' } | { readonly kind: 'bandwidth'; readonly window: number; readonly bytes: number };

/**
 * Untimed batches of a latency case up to JIT_WARMUP_MAX_BYTES for at least JIT_WARMUP_MS, instead
 * of OSU's 10 iterations. A fresh job's first thousands of operations run while V8 is still
 * compiling the window's code, and the benchmark's loop (timeRoundTrips with the iteration
 * inlined) is compiled afresh in every job, on a background thread that takes a core from the
 * ranks (measured: 8 B put + flush averaged 4.4 us over 10,000 timed iterations after OSU's
 * warm-up, 0.8 us after 20,000 warm-up iterations; with a count of 20,000 the first size of each
 * sweep, about 2 ms of warm-up, still measured 1.3-3x its neighbours). The batches run through the
 * measured loop itself. Both ranks run them, inside the open epochs (fence and PSCW iterations
 * involve the target), and the checks count them.
 */
const JIT_WARMUP_MS = 100;
const JIT_WARMUP_BATCH = 2000;
const JIT_WARMUP_MAX_BYTES = 8 * 1024;

/** Warm-up batches of `step`'s shape (see above); returns the iterations they ran, 0 when the case has none. */
function jitWarmup(comm: Intracomm, step: RankStep, shape: Shape, iteration: () => void): number {
  if (shape.kind !== 'latency' || step.size > JIT_WARMUP_MAX_BYTES) return 0;
  const batch = { ...step, warmup: 0, iterations: JIT_WARMUP_BATCH };
  const start = performance.now();
  const timed = comm.rank === ORIGIN;
  const batches = batchesWhileRankZero(
    comm,
    () => (timed ? timeRoundTrips(batch, iteration, 1) : repeat(batch, iteration)),
    () => performance.now() - start < JIT_WARMUP_MS,
  );
  return batches * JIT_WARMUP_BATCH;
}

function runCase<A extends TypedArray>(comm: Intracomm, step: RankStep, shape: Shape, c: OneSidedCase<A>): Timing | null {
  const epochs: Epochs = epochsFor(step.variant as SyncMode, c.win);
  const { op } = c;
  const roundTrip = () => {
    epochs.beginIteration();
    op();
    epochs.endIteration();
  };
  let timing: Timing | null = null;
  let warmups = 0;
  comm.Barrier();
  if (comm.rank === ORIGIN) {
    epochs.openOrigin();
    if (shape.kind === 'latency') {
      warmups = jitWarmup(comm, step, shape, roundTrip);
      timing = timeRoundTrips(step, roundTrip, 1);
    } else {
      const { window } = shape;
      const elapsedUs = timeIterations(step, () => {
        epochs.beginIteration();
        for (let j = 0; j < window; j++) op();
        epochs.endIteration();
      });
      timing = bandwidthTiming(shape.bytes * window, step.iterations, elapsedUs);
    }
    epochs.closeOrigin();
  } else if (comm.rank === TARGET) {
    epochs.openTarget();
    warmups = jitWarmup(comm, step, shape, epochs.targetIteration);
    repeat(step, epochs.targetIteration);
    epochs.closeTarget();
  }
  comm.Barrier();
  const perIteration = shape.kind === 'latency' ? 1 : shape.window;
  const wrong = c.check((warmups + step.warmup + step.iterations) * perIteration);
  const wrongs = comm.gather(wrong, 0) as number[] | null;
  c.win.Free();
  return timing === null ? null : { ...timing, wrong: wrongs!.reduce((sum, w) => sum + w, 0) };
}

/** Put of `size` bytes from the origin's pattern into a target window cleared beforehand. */
function putCase(comm: Intracomm, size: number, creation: WindowCreation): OneSidedCase<Uint8Array> {
  const win = makeWindow(comm, size, Uint8Array, creation);
  const origin = patternBlocks(1, size, () => ORIGIN);
  clearBytes(win.local);
  return {
    win,
    op: () => win.Put(origin, TARGET, 0),
    check: () => (comm.rank === TARGET ? countWrongBlocks(win.local, size, () => ORIGIN) : 0),
  };
}

/** Get of `size` bytes of the target's pattern into an origin buffer cleared beforehand. */
function getCase(comm: Intracomm, size: number, creation: WindowCreation): OneSidedCase<Uint8Array> {
  const win = makeWindow(comm, size, Uint8Array, creation);
  win.local.set(patternBlocks(1, size, () => TARGET));
  const origin = new Uint8Array(size);
  clearBytes(origin);
  return {
    win,
    op: () => win.Get(origin, TARGET, 0),
    check: () => (comm.rank === ORIGIN ? countWrongBlocks(origin, size, () => TARGET) : 0),
  };
}

export function put_latency(comm: Intracomm, step: RankStep, creation: WindowCreation): Timing | null {
  return runCase(comm, step, { kind: 'latency' }, putCase(comm, step.size, creation));
}

export function get_latency(comm: Intracomm, step: RankStep, creation: WindowCreation): Timing | null {
  return runCase(comm, step, { kind: 'latency' }, getCase(comm, step.size, creation));
}

export function put_bw(comm: Intracomm, step: RankStep, creation: WindowCreation, window: number): Timing | null {
  return runCase(comm, step, { kind: 'bandwidth', window, bytes: step.size }, putCase(comm, step.size, creation));
}

export function get_bw(comm: Intracomm, step: RankStep, creation: WindowCreation, window: number): Timing | null {
  return runCase(comm, step, { kind: 'bandwidth', window, bytes: step.size }, getCase(comm, step.size, creation));
}

/** Accumulate (Float64 SUM) of `size` bytes into a zeroed target: after n operations element i is n x (1 + i mod 13). */
export function acc_latency(comm: Intracomm, step: RankStep, creation: WindowCreation): Timing | null {
  const count = step.size / FLOAT64_BYTES;
  const win = makeWindow(comm, count, Float64Array, creation);
  const origin = contribution(ORIGIN, count);
  win.local.fill(0);
  return runCase(comm, step, { kind: 'latency' }, {
    win,
    op: () => win.Accumulate(origin, TARGET, 0, SUM),
    check: (n) => (comm.rank === TARGET ? countWrong(win.local, (i) => n * origin[i]!) : 0),
  });
}

/** Fetch_and_op (Int32 SUM of 1) on one counter: after n operations it holds n. */
export function fop_latency(comm: Intracomm, step: RankStep, creation: WindowCreation): Timing | null {
  const win = makeWindow(comm, 1, Int32Array, creation);
  win.local[0] = 0;
  return runCase(comm, step, { kind: 'latency' }, {
    win,
    op: () => void win.Fetch_and_op(1, TARGET, 0, SUM),
    check: (n) => (comm.rank === TARGET && win.local[0] !== n ? 1 : 0),
  });
}

/**
 * Compare_and_swap on one counter, always expecting the value it left: the k-th swap replaces k by
 * k + 1 and must return k. The origin counts swaps that returned anything else.
 */
export function cas_latency(comm: Intracomm, step: RankStep, creation: WindowCreation): Timing | null {
  const win = makeWindow(comm, 1, Int32Array, creation);
  win.local[0] = 0;
  let expected = 0;
  let failedSwaps = 0;
  return runCase(comm, step, { kind: 'latency' }, {
    win,
    op: () => {
      if (win.Compare_and_swap(expected + 1, expected, TARGET, 0) !== expected) failedSwaps++;
      expected++;
    },
    check: (n) => (comm.rank === ORIGIN ? failedSwaps : win.local[0] !== n ? 1 : 0),
  });
}
