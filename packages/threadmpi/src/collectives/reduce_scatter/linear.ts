/**
 * Reduce then scatter (Open MPI's basic reduce_scatter): the whole vector is reduced to rank 0 with
 * a binomial tree, which keeps rank order, and rank 0 sends every rank its block.
 */
import { binomial } from '../reduce/binomial.js';
import { blockViews } from '../ring.js';
import { linear as scatterLinear } from '../scatter/linear.js';
import type { Blocks, ReduceScatterAlgorithm } from '../signatures.js';

export const linear: ReduceScatterAlgorithm = function* (c, r, partition) {
  const reduced = yield* binomial(c, r, 0);
  const blocks: Blocks = reduced === null ? new Array<null>(c.size).fill(null) : blockViews(reduced, partition);
  if (reduced === null) blocks[c.rank] = new Uint8Array(partition.lengths[c.rank]!);
  yield* scatterLinear(c, blocks, 0);
  return blocks[c.rank]!;
};
