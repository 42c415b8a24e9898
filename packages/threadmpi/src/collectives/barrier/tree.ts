/**
 * Tree barrier: arrivals fan in along a binomial tree to rank 0, then the release fans out along
 * the same tree. 2 log2 p steps on the critical path, but each rank handles only its own children.
 */
import { awaitSignal } from '../exchange.js';
import type { BarrierAlgorithm } from '../signatures.js';
import { binomialNode } from '../trees.js';

export const tree: BarrierAlgorithm = function* (c) {
  const { parent, children } = binomialNode(c.rank, c.size);
  if (children.length > 0) yield c.all(...children.map((child) => awaitSignal(c, child)));
  if (parent >= 0) yield c.all(c.signal(parent), awaitSignal(c, parent));
  if (children.length > 0) yield c.all(...children.map((child) => c.signal(child)));
};
