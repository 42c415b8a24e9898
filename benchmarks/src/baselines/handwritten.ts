import { mpirun } from 'threadmpi';
import { roundTripsPerStamp } from '../measure/loops.js';
import { median } from '../measure/stats.js';
import type { MessageStep } from '../measure/timing.js';
import type { PairedTrials } from '../ranks/pt2pt.js';

const PT2PT = new URL('../ranks/pt2pt.js', import.meta.url);
/** As for the measured jobs (run/threadmpi.ts): a stuck job fails instead of hanging the sweep. */
const TIMEOUT_MS = 5 * 60 * 1000;
/** Interleaved pairs of (benchmark loop, hand-written loop) per size. */
export const HAND_WRITTEN_TRIALS = 15;

/** The hand-written loop's latency, and the benchmark loop's relative to it, both from one job. */
export interface HandWrittenFigure {
  /** Median one-way latency of the hand-written trials, in us. */
  readonly value: number;
  /** Median over trial pairs of benchmark loop / hand-written loop. */
  readonly ratio: number;
}

/**
 * The step split into `trials` trials: together about the step's own iterations, so the comparison
 * costs about twice the measurement it checks, whatever the size.
 */
export function trialStep(step: MessageStep, trials: number): MessageStep {
  return { ...step, iterations: Math.max(1, Math.ceil(step.iterations / trials)) };
}

/**
 * Median of the per-pair ratios and of the hand-written figures; throws on a malformed report. The
 * two trials of a pair run back to back, so a pair's ratio cancels load that changes slowly, and the
 * median over many short pairs ignores the pairs one side of which another process interrupted.
 */
export function summarizePairs(trials: unknown): HandWrittenFigure {
  const { harnessUs, handWrittenUs } = (trials ?? {}) as Partial<PairedTrials>;
  const numbers = (values: unknown): values is number[] =>
    Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'number' && v > 0);
  if (!numbers(harnessUs) || !numbers(handWrittenUs) || harnessUs.length !== handWrittenUs.length) {
    throw new Error(`hand-written latency reported ${JSON.stringify(trials)}`);
  }
  return { value: median(handWrittenUs), ratio: median(harnessUs.map((us, i) => us / handWrittenUs[i]!)) };
}

/**
 * threadmpi's ping-pong written without the benchmark's timing loop (ranks/pt2pt.ts), in
 * interleaved trials with the benchmark's loop in the same job: their ratio is the harness's cost.
 */
export async function measureHandWrittenLatency(step: MessageStep, trials = HAND_WRITTEN_TRIALS): Promise<HandWrittenFigure> {
  // The trials' benchmark loop reads the clock as often as the measurement of the whole step does.
  const args = [trialStep(step, trials), trials, roundTripsPerStamp(step.iterations)];
  const [report] = await mpirun(2, PT2PT, { fn: 'harnessVersusHandWritten', args, timeoutMs: TIMEOUT_MS });
  return summarizePairs(report);
}
