/**
 * One variant's figures from its timed batches on every rank (measure/interleave.ts): OSU's
 * Avg/Min/Max (mean, min and max over ranks of each rank's time per call over all its timed calls)
 * and the robust figure algorithms are compared on, the median over batches of the batch's time
 * per call averaged over ranks. A stall inflates OSU's mean by its whole length, however rare; it
 * moves the median only if it hits most batches.
 */
import { median } from './stats.js';
import type { LatencyTiming } from './timing.js';

/**
 * `batchUs[rank][batch]`: how long each of the rank's batches took, in us; `calls[batch]`: how many
 * calls each batch made (the same on every rank); `wrong`: elements that differed, summed over ranks.
 */
export function summarizeBatches(batchUs: ReadonlyArray<readonly number[]>, calls: readonly number[], wrong: number): LatencyTiming {
  const iterations = calls.reduce((sum, n) => sum + n, 0);
  const perRank = batchUs.map((batches) => batches.reduce((sum, us) => sum + us, 0) / iterations);
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
