/**
 * Scatter-allgather broadcast (van de Geijn): the root scatters p blocks of the message down a
 * binomial tree, then a ring allgather reassembles the message everywhere. Each rank moves about
 * 2x the message once instead of log2 p times, which wins for long messages.
 *
 * Blocks are numbered by virtual rank, so a binomial subtree's blocks are one contiguous range
 * and travel as one message.
 */
import { ring } from '../allgather/ring.js';
import { evenPartition } from '../ring.js';
import type { BcastAlgorithm, Blocks } from '../signatures.js';
import { binomialNode, subtreeSize, toRank, virtualRank } from '../trees.js';

export const scatterAllgather: BcastAlgorithm = function* (c, data, root) {
  const p = c.size;
  const bytes = data.bytes!;
  const { offsets } = evenPartition(bytes.length / c.elementBytes, c.elementBytes, p);
  const blocksFrom = (first: number, n: number) => bytes.subarray(offsets[first]!, first + n < p ? offsets[first + n]! : bytes.length);
  const vr = virtualRank(c.rank, root, p);
  const node = binomialNode(vr, p);
  if (node.parent >= 0) yield c.recv(toRank(node.parent, root, p), blocksFrom(vr, node.subtree));
  const sends = [];
  for (let k = node.children.length - 1; k >= 0; k--) {
    const child = node.children[k]!;
    sends.push(c.send(toRank(child, root, p), blocksFrom(child, subtreeSize(child, vr, p))));
  }
  if (sends.length > 0) yield c.all(...sends);
  // The ring runs on real ranks; rank r holds the block of its virtual rank.
  const blocks: Blocks = new Array<Uint8Array>(p);
  for (let v = 0; v < p; v++) blocks[toRank(v, root, p)] = blocksFrom(v, 1);
  yield* ring(c, { blocks, uniform: null });
};
