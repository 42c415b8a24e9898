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

export function timeCollective(comm: Intracomm, step: MessageStep, { call, verify }: CollectiveCall): LatencyTiming | null {
  const wrong = verify();
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
