/**
 * Ring neighbours and the block partitions that ring, halving/doubling and scatter-based
 * algorithms cut a message into.
 */

export function rightOf(rank: number, size: number): number {
  return (rank + 1) % size;
}

export function leftOf(rank: number, size: number): number {
  return (rank - 1 + size) % size;
}

/** Where each of p blocks of a message lies, in bytes. */
export interface Partition {
  readonly offsets: readonly number[];
  readonly lengths: readonly number[];
}

/**
 * `units` units of `unitBytes` bytes cut into `parts` blocks as evenly as possible (the first
 * `units % parts` blocks get one more). A unit is what must not be cut: an element, or for a
 * reduction the elements its operation combines together (a MAXLOC pair, a datatype's item).
 */
export function evenPartition(units: number, unitBytes: number, parts: number): Partition {
  const base = Math.floor(units / parts);
  const extra = units % parts;
  const offsets: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const n = (base + (i < extra ? 1 : 0)) * unitBytes;
    offsets.push(at);
    lengths.push(n);
    at += n;
  }
  return { offsets, lengths };
}

/** Views of `bytes` cut by `partition`. */
export function blockViews(bytes: Uint8Array, partition: Partition): Uint8Array[] {
  return partition.offsets.map((o, i) => bytes.subarray(o, o + partition.lengths[i]!));
}
