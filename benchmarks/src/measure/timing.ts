/** What one measurement of one message size reports back to the launcher (structured-clone-able). */

/** How many timed iterations, after how many untimed warm-up ones. */
export interface IterationCount {
  readonly iterations: number;
  readonly warmup: number;
}

/** One message size of a run. */
export interface MessageStep extends IterationCount {
  readonly size: number;
}

/**
 * What a rank function is handed: the step, plus the variant being measured (a collective algorithm
 * name or `default`, a one-sided synchronisation mode), null for benchmarks without variants.
 */
export interface RankStep extends MessageStep {
  readonly variant: string | null;
}

/** One-way latency in microseconds, as OSU reports it (Min/Max over the timed iterations). */
export interface LatencyTiming {
  readonly metric: 'latency';
  readonly avgUs: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly iterations: number;
  /**
   * Collectives: the median over timed batches of the time per call, mean over ranks
   * (measure/batches.ts), the figure algorithms are compared on; absent for other benchmarks.
   */
  readonly medianBatchUs?: number;
  /** Elements that differed from the expected result, summed over ranks; absent when nothing is checked. */
  readonly wrong?: number;
}

/** Bandwidth in MB/s (10^6 bytes per second, as OSU counts). */
export interface BandwidthTiming {
  readonly metric: 'bandwidth';
  readonly mbPerSec: number;
  readonly iterations: number;
  readonly wrong?: number;
}

export type Timing = LatencyTiming | BandwidthTiming;
export type Metric = Timing['metric'];

/** The number a baseline is compared on: average latency, or bandwidth. */
export function primaryValue(timing: Timing): number {
  return timing.metric === 'latency' ? timing.avgUs : timing.mbPerSec;
}

export type TimingOf<M extends Metric> = Extract<Timing, { readonly metric: M }>;

const NUMERIC_FIELDS: Record<Metric, readonly string[]> = {
  latency: ['avgUs', 'minUs', 'maxUs', 'iterations'],
  bandwidth: ['mbPerSec', 'iterations'],
};

/** Checks what crossed a thread boundary before the launcher trusts it; `source` names the sender. */
export function expectTiming<M extends Metric>(value: unknown, metric: M, source: string): TimingOf<M> {
  const candidate = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const valid = candidate.metric === metric && NUMERIC_FIELDS[metric].every((key) => typeof candidate[key] === 'number');
  if (!valid) throw new Error(`${source} reported ${JSON.stringify(value)}, expected a ${metric} timing`);
  return value as TimingOf<M>;
}

/** Bytes per microsecond is 10^6 bytes per second: OSU's MB/s. */
export function bandwidthTiming(bytesPerIteration: number, iterations: number, elapsedUs: number): BandwidthTiming {
  return { metric: 'bandwidth', mbPerSec: (bytesPerIteration * iterations) / elapsedUs, iterations };
}
