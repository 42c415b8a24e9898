/**
 * The measurement every collective benchmark shares, after OSU's osu_<collective>: every rank times
 * its own calls; the figures are the mean, min and max over ranks of each rank's average time per
 * call (OSU's Avg/Min/Max Latency, IMB's t_avg/t_min/t_max), and the median over batches of calls
 * (measure/batches.ts) that algorithms are compared on.
 *
 * A job measures every variant of its step (`default` and forced algorithms) twice: interleaved,
 * each variant's calls cut into batches and the batches run in rounds, one of each variant per
 * round (measure/interleave.ts), and then in OSU's loop, one variant after another. The algorithm is
 * forced through setCollectiveAlgorithm; every rank follows the same schedule, so every rank forces
 * the same algorithm for the same calls.
 *
 * Before the clock starts, for each variant, one verifying call runs on receive buffers reset to a
 * sentinel, and each rank counts the elements that differ from the exact expected result; rank 0
 * reports the total as `wrong` (nccl-tests' #wrong). The buffers and the `call` closure are built by
 * the caller, so the timed loop allocates nothing.
 */
import { setCollectiveAlgorithm, type Intracomm } from 'threadmpi';
import { summarizeBatches } from '../measure/batches.js';
import { nowUs } from '../measure/clock.js';
import { batchesWhileRankZero } from '../measure/rank-zero-batches.js';
import { batchSizes, interleavedSchedule } from '../measure/interleave.js';
import type { LatencyTiming, MessageStep } from '../measure/timing.js';

/** The variant name that leaves the choice to the core's selection. */
export const DEFAULT_ALGORITHM = 'default';

/** What a collective rank function is handed: the step and the variants measured in this job. */
export interface CollectiveStep extends MessageStep {
  /** Algorithm names or `default`, in the order the results come back. */
  readonly variants: readonly string[];
}

/** Forces `variant` for the calls that follow; `default` lets the core choose. */
function useAlgorithm(collective: string, variant: string): void {
  setCollectiveAlgorithm(collective, variant === DEFAULT_ALGORITHM ? null : variant);
}

/** What a collective benchmark hands `timeCollective`. */
export interface CollectiveCall {
  /** One call of the collective on prepared buffers. */
  readonly call: () => void;
  /** Resets the receive buffers, makes one call, returns this rank's wrong elements. */
  readonly verify: () => number;
}

/**
 * Untimed calls before OSU's own warm-up, for messages small enough that the collective's code (not
 * memcpy) sets the time: a fresh job's first thousands of calls run while V8 is still compiling
 * that path (measured: an 8 B allreduce on 2 ranks costs ~125 us per call over its first 1000 calls,
 * ~15 us at 4000 and ~3 us from about 300 ms on). OSU's 100 skipped calls are made for C, which has
 * no such phase. So calls run in batches until a batch is no longer faster than the best one so far
 * (STALE_BATCHES times in a row), capped by time, since oversubscribed calls cost hundreds of
 * microseconds. Rank 0 decides after each batch, so every rank makes the same number of calls.
 *
 * The first warm-up of each algorithm of a collective in a rank thread runs at least
 * JIT_WARMUP_FIRST_MS: on the way to compiled code the batches plateau (60-100 us a call for a
 * few batches, then 15, then 3), and the stale rule alone stopped there, so the first size of
 * every sweep was measured at 20-30x its steady cost. Each algorithm is its own code (and a
 * blocking short allreduce runs straight through, collectives/shm/immediate.ts, apart from the
 * scheduled one), so the first one's warm-up does not warm the next. Later jobs on the same
 * pooled thread find the library's code compiled (the module of the benchmark is loaded afresh
 * per job, the library once per thread), so the set of warmed algorithms lives on the thread's
 * global object. The benchmark's own code, timeCalls with the call inlined, is compiled afresh in
 * every job, though, and V8 compiles it on a background thread that takes a core from the two
 * ranks for tens of milliseconds: so every job warms up for at least JIT_WARMUP_JOB_MS, in batches
 * run as the measured ones are (a barrier, then timeCalls). Before, with the warm-up a loop of its
 * own and no minimum after the first job, a random size of each sweep measured 20-35 us for an
 * 8-byte allreduce at np=2 (median batch) where its neighbours measured 1-2.
 */
const JIT_WARMUP_MAX_BYTES = 8 * 1024;
const JIT_WARMUP_FIRST_MS = 600;
const JIT_WARMUP_JOB_MS = 200;
const JIT_WARMUP_MAX_MS = 1000;
const JIT_WARMUP_BATCH = 250;
const STALE_BATCHES = 4;
const STALE_RATIO = 0.9;

/** The `collective/algorithm` pairs this rank thread has warmed up already (see above). */
function warmedAlgorithms(): Set<string> {
  const key = Symbol.for('threadmpi-bench.warmed-collectives');
  const g = globalThis as { [key]?: Set<string> };
  return (g[key] ??= new Set());
}

function jitWarmup(comm: Intracomm, algorithm: string, step: MessageStep, call: () => void): void {
  if (step.size > JIT_WARMUP_MAX_BYTES) return;
  const warmed = warmedAlgorithms();
  const minMs = warmed.has(algorithm) ? JIT_WARMUP_JOB_MS : JIT_WARMUP_FIRST_MS;
  warmed.add(algorithm);
  const start = performance.now();
  let best = Infinity;
  let stale = 0;
  let batch = 0;
  batchesWhileRankZero(comm, () => {
    // The batches run as the measured ones do (a barrier, then timeCalls), so that what V8
    // compiles for the measurement (timeCalls with the call inlined, the barrier) is compiled
    // now: compiled while measuring, it took a core from the ranks for tens of milliseconds.
    comm.Barrier();
    batch = timeCalls(call, JIT_WARMUP_BATCH) / 1000;
  }, () => {
    if (batch < best * STALE_RATIO) stale = 0;
    else stale++;
    best = Math.min(best, batch);
    const elapsed = performance.now() - start;
    return elapsed < minMs || (stale < STALE_BATCHES && elapsed < JIT_WARMUP_MAX_MS);
  });
}

/** One variant's untimed start: the verifying call (its wrong elements are returned), the JIT warm-up, OSU's skip. */
function prepare(comm: Intracomm, algorithm: string, step: MessageStep, { call, verify }: CollectiveCall): number {
  const wrong = verify();
  jitWarmup(comm, algorithm, step, call);
  for (let i = 0; i < step.warmup; i++) call();
  return wrong;
}

/**
 * Times every variant of `step` for `collective`; rank 0 returns one timing per variant, in the
 * step's order, the others null. First the interleaved batches (the median), then each variant
 * runs OSU's loop, `iterations` calls back to back (OSU's Avg/Min/Max, what native MPI's
 * osu_<collective> measures too). The loops come after the batches, which take up what is left of
 * settling in after the warm-up (with the loops first, the first size's avg varied 3-50x). A
 * barrier before each loop and batch starts it with every rank ready, so the previous one's
 * stragglers (another algorithm's) are not counted in it; over a batch of a few calls that start
 * costs more than over OSU's loop, which is why the two figures are kept apart.
 */
export function timeCollective(comm: Intracomm, collective: string, step: CollectiveStep, body: CollectiveCall): LatencyTiming[] | null {
  const { variants } = step;
  const wrong = variants.map((variant) => {
    useAlgorithm(collective, variant);
    return prepare(comm, `${collective}/${variant}`, step, body);
  });
  const { call } = body;
  const batchUs = variants.map((): number[] => []);
  for (const { variant, calls } of interleavedSchedule(variants.length, step.iterations)) {
    useAlgorithm(collective, variants[variant]!);
    comm.Barrier();
    batchUs[variant]!.push(timeCalls(call, calls));
  }
  const loopUs = variants.map((variant) => {
    useAlgorithm(collective, variant);
    comm.Barrier();
    return timeCalls(call, step.iterations);
  });
  const reports = comm.gather([loopUs, batchUs, wrong], 0) as Array<[number[], number[][], number[]]> | null;
  if (reports === null) return null;
  const calls = batchSizes(step.iterations);
  return variants.map((_, v) =>
    summarizeBatches(
      reports.map(([loop]) => loop[v]!),
      step.iterations,
      reports.map(([, us]) => us[v]!),
      calls,
      reports.reduce((sum, [, , w]) => sum + w[v]!, 0),
    ),
  );
}

/** Microseconds that `calls` calls take back to back. */
function timeCalls(call: () => void, calls: number): number {
  const start = nowUs();
  for (let i = 0; i < calls; i++) call();
  return nowUs() - start;
}
