/**
 * Communication shapes shared by the rooted algorithms (as Open MPI's coll_base_topo.c builds
 * them once for many algorithms). Trees are built over "virtual ranks" vr = (rank - root) mod p,
 * so the root is always vr 0; `toRank` maps back.
 *
 * Binomial tree: the parent of vr clears its lowest set bit; its children are vr + 2^k for every
 * 2^k below that bit. Child vr + m heads the subtree [vr + m, vr + 2m) (clipped to p), so
 * subtrees are contiguous ranges of virtual ranks, which the scatter/gather-style algorithms use to
 * move a whole subtree's blocks in one message, and which keeps a reduction rooted at rank 0 in
 * rank order.
 */

export function virtualRank(rank: number, root: number, size: number): number {
  return (rank - root + size) % size;
}

export function toRank(vr: number, root: number, size: number): number {
  return (vr + root) % size;
}

/** Largest power of two not above n (n >= 1). */
export function powerOfTwoFloor(n: number): number {
  return 1 << (31 - Math.clz32(n));
}

export interface BinomialNode {
  /** Parent's virtual rank, or -1 at the root. */
  readonly parent: number;
  /** Children's virtual ranks, nearest (smallest subtree) first. */
  readonly children: readonly number[];
  /** Number of virtual ranks in this node's subtree, itself included. */
  readonly subtree: number;
}

export function binomialNode(vr: number, size: number): BinomialNode {
  const low = vr === 0 ? powerOfTwoFloor(Math.max(1, size - 1)) * 2 : vr & -vr;
  const children: number[] = [];
  for (let m = 1; m < low && vr + m < size; m <<= 1) children.push(vr + m);
  return { parent: vr === 0 ? -1 : vr - low, children, subtree: Math.min(low, size - vr) };
}

/** Size of the subtree headed by child `child` of a node (child = vr + m). */
export function subtreeSize(child: number, parent: number, size: number): number {
  return Math.min(child - parent, size - child);
}

/**
 * Real rank of participant `newRank` when p = pof2 + rem ranks fold onto pof2 participants: the
 * first 2*rem ranks pair up and the odd one of each pair takes part, the others take part alone.
 */
export function foldedRank(newRank: number, rem: number): number {
  return newRank < rem ? newRank * 2 + 1 : newRank + rem;
}
