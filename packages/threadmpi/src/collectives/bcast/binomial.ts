/**
 * Binomial-tree broadcast: each rank receives the message from its parent, then forwards it to its
 * children, farthest (largest subtree) first so the deepest branch starts earliest. log2 p steps.
 */
import { blobOf } from '../exchange.js';
import type { BcastAlgorithm } from '../signatures.js';
import { binomialNode, toRank, virtualRank } from '../trees.js';

export const binomial: BcastAlgorithm = function* (c, data, root) {
  const p = c.size;
  const { parent, children } = binomialNode(virtualRank(c.rank, root, p), p);
  if (parent >= 0) {
    const op = c.recvInto(toRank(parent, root, p), data.bytes);
    yield op;
    data.bytes = blobOf(op);
  }
  if (children.length === 0) return;
  const sends = [];
  for (let k = children.length - 1; k >= 0; k--) sends.push(c.send(toRank(children[k]!, root, p), data.bytes!));
  yield c.all(...sends);
};
