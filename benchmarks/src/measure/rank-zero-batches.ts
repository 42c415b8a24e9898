/**
 * Untimed batches run until rank 0 says stop: the shape of every JIT warm-up of the benchmarks.
 * Rank 0 alone decides (by time, or by how its batches went), and says so after each batch, so
 * every rank runs the same number of batches and the collective or one-sided calls in them match.
 */
import type { Intracomm } from 'threadmpi';

/** Runs `batch` on every rank of `comm` until rank 0's `again()`, asked after each batch, is false; returns the batches run. */
export function batchesWhileRankZero(comm: Intracomm, batch: () => void, again: () => boolean): number {
  let batches = 0;
  do {
    batch();
    batches++;
  } while (comm.bcast(comm.rank === 0 ? again() : null, 0));
  return batches;
}
