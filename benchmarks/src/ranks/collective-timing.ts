/**
 * The measurement every collective benchmark shares, as OSU's osu_<collective> does it: every rank
 * times its own loop of calls; the figures are the mean, min and max over ranks of each rank's
 * average time per call (OSU's Avg/Min/Max Latency, IMB's t_avg/t_min/t_max).
 *
 * Before the clock starts, one verifying call runs on receive buffers reset to a sentinel, and each
 * rank counts the elements that differ from the exact expected result; rank 0 reports the total as
 * `wrong` (nccl-tests' #wrong). The buffers and the `call` closure are built by the caller, so the
 * timed loop allocates nothing.
 */
import { setCollectiveAlgorithm, type Intracomm } from 'threadmpi';
import { timeIterations } from '../measure/loops.js';
import type { LatencyTiming, MessageStep, RankStep } from '../measure/timing.js';

/** The variant name that leaves the choice to the core's selection. */
export const DEFAULT_ALGORITHM = 'default';

/** Forces the step's algorithm for the rest of this job; `default` lets the core choose. */
export function useAlgorithm(collective: string, step: RankStep): void {
  const variant = step.variant ?? DEFAULT_ALGORITHM;
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
 */
const JIT_WARMUP_MAX_BYTES = 8 * 1024;
const JIT_WARMUP_MAX_MS = 1000;
const JIT_WARMUP_BATCH = 250;
const STALE_BATCHES = 4;
const STALE_RATIO = 0.9;

function jitWarmup(comm: Intracomm, step: MessageStep, call: () => void): void {
  if (step.size > JIT_WARMUP_MAX_BYTES) return;
  const start = performance.now();
  let best = Infinity;
  let stale = 0;
  for (;;) {
    const batchStart = performance.now();
    for (let i = 0; i < JIT_WARMUP_BATCH; i++) call();
    const now = performance.now();
    const batch = now - batchStart;
    if (batch < best * STALE_RATIO) stale = 0;
    else stale++;
    best = Math.min(best, batch);
    if (!comm.bcast(stale < STALE_BATCHES && now - start < JIT_WARMUP_MAX_MS, 0)) return;
  }
}

export function timeCollective(comm: Intracomm, step: MessageStep, { call, verify }: CollectiveCall): LatencyTiming | null {
  const wrong = verify();
  jitWarmup(comm, step, call);
  comm.Barrier();
  const perCallUs = timeIterations(step, call) / step.iterations;
  const reports = comm.gather([perCallUs, wrong], 0) as Array<[number, number]> | null;
  if (reports === null) return null;
  const times = reports.map(([us]) => us);
  return {
    metric: 'latency',
    avgUs: times.reduce((sum, us) => sum + us, 0) / times.length,
    minUs: Math.min(...times),
    maxUs: Math.max(...times),
    iterations: step.iterations,
    wrong: reports.reduce((sum, [, w]) => sum + w, 0),
  };
}
