/**
 * One variant's figures on every rank (measure/interleave.ts): OSU's Avg/Min/Max (mean, min and
 * max over ranks of each rank's time per call) from the variant's run of OSU's loop, its calls
 * back to back as osu_<collective> makes them, and the robust figure algorithms are compared on,
 * the median over the variant's interleaved batches of the batch's time per call averaged over
 * ranks. A stall inflates OSU's mean by its whole length, however rare; it moves the median only
 * if it hits most batches.
 */
import { median } from './stats.js';
import type { LatencyTiming } from './timing.js';

/**
 * `loopUs[rank]`: how long the rank's OSU loop of `iterations` calls took, in us;
 * `batchUs[rank][batch]`: how long each of its batches took; `calls[batch]`: how many calls each
 * batch made (the same on every rank); `wrong`: elements that differed, summed over ranks.
 */
export function summarizeBatches(
  loopUs: readonly number[], iterations: number, batchUs: ReadonlyArray<readonly number[]>, calls: readonly number[], wrong: number,
): LatencyTiming {
  const perRank = loopUs.map((us) => us / iterations);
  const perBatch = calls.map((n, batch) => batchUs.reduce((sum, batches) => sum + batches[batch]!, 0) / (batchUs.length * n));
  return {
    metric: 'latency',
    avgUs: perRank.reduce((sum, us) => sum + us, 0) / perRank.length,
    minUs: Math.min(...perRank),
    maxUs: Math.max(...perRank),
    iterations,
    medianBatchUs: median(perBatch),
    wrong,
  };
}
