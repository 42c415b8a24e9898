/**
 * The order in which a collective job times its variants (ranks/collective-timing.ts). Each
 * variant's iterations are cut into batches, and the job runs in rounds: one batch of every
 * variant per round. On a shared 2-core machine a scheduling stall of a millisecond or more lands
 * wherever it lands; measured one after another, variants see different stalls, so their averages
 * can differ by more than the algorithms do. Interleaved, every variant is exposed to the same
 * moments of the run, and the median over its batches ignores the few batches a stall hit.
 */

/** About this many batches per variant, so the median has enough values to ignore a few. */
export const TARGET_BATCHES = 20;
/**
 * Fewer calls and the barrier before each batch, not the collective, would set its time. Batches
 * this short happen where OSU makes 100 calls, above 8 KiB, where a call takes 10 us or more.
 */
export const MIN_BATCH_CALLS = 5;
/** More calls and a batch would rarely escape a stall: the median would lose its point. */
export const MAX_BATCH_CALLS = 50;

/** Calls per batch for `iterations` timed calls of one variant (all of them when fewer than MIN_BATCH_CALLS). */
export function batchCalls(iterations: number): number {
  const wanted = Math.ceil(iterations / TARGET_BATCHES);
  return Math.min(iterations, Math.max(MIN_BATCH_CALLS, Math.min(MAX_BATCH_CALLS, wanted)));
}

/** The calls of each batch: full batches, the last one shorter when `iterations` does not divide evenly. */
export function batchSizes(iterations: number): number[] {
  const per = batchCalls(iterations);
  return Array.from({ length: Math.ceil(iterations / per) }, (_, batch) => Math.min(per, iterations - batch * per));
}

/**
 * The variants of round `round`, rotated by the round: over the rounds every variant runs first,
 * second, ... about equally often, so none always follows the same neighbour or starts the round.
 */
export function roundOrder(variants: number, round: number): number[] {
  return Array.from({ length: variants }, (_, i) => (round + i) % variants);
}

/** One timed batch: which variant (an index), how many calls. */
export interface Batch {
  readonly variant: number;
  readonly calls: number;
}

/** Every timed batch of a job, in the order they run. */
export function interleavedSchedule(variants: number, iterations: number): Batch[] {
  return batchSizes(iterations).flatMap((calls, round) => roundOrder(variants, round).map((variant) => ({ variant, calls })));
}

/** What a collective result's `Median Batch(us)` column is, for the notes under its table. */
export function batchNote(variants: number): string {
  const where = variants > 1 ? `the ${variants} algorithms of this run interleaved in one job per size, one batch of each per round (order rotated each round)` : 'in one job per size';
  return (
    `Median Batch = median over batches (about ${TARGET_BATCHES}, of ${MIN_BATCH_CALLS} to ${MAX_BATCH_CALLS} calls) of the time per call, mean over ranks; ` +
    `${where}, a barrier before each batch; Avg/Min/Max are OSU's, over a loop of Iterations calls back to back, apart from the batches`
  );
}
