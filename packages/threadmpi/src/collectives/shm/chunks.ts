/**
 * Building blocks of the shared-memory algorithms (segment.ts explains steps and halves): cutting
 * a message into chunks that fit a half, publishing this rank's chunk, and combining the
 * contributions that every rank published, in rank order.
 */
import { DtypeCode, type TypedArray } from '../../protocol/dtypes.js';
import type { Exchange, Step } from '../exchange.js';
import type { TypedReduction } from '../reduction.js';
import { evenPartition, type Partition } from '../ring.js';
import { HALF_BYTES, type Segment } from './segment.js';

/** Bytes of a full chunk: as much of a half as holds whole units (a unit is never cut). */
export function chunkBytes(unitBytes: number): number {
  return HALF_BYTES - (HALF_BYTES % unitBytes);
}

/** Chunks of a `bytes`-byte message (0 for an empty one: nothing is published at all). */
export function chunkCount(bytes: number, unitBytes: number): number {
  return Math.ceil(bytes / chunkBytes(unitBytes));
}

/** Wait, if needed, until every member has published step s (what to yield; null when they all have). */
export function untilAll(c: Exchange, seg: Segment, s: number): Step | null {
  return seg.allReached(s) ? null : seg.waitFor(s, c.call);
}

/** Wait, if needed, until rank r has published step s. */
export function untilRank(c: Exchange, seg: Segment, s: number, r: number): Step | null {
  return seg.reached(r, s) ? null : seg.waitFor(s, c.call, r);
}

/**
 * A writer's wait before step s: until every member is past step s - 1, so that nobody still
 * reads the half this rank is about to overwrite (null when they all are, as is usual).
 */
export function untilFree(c: Exchange, seg: Segment, s: number): Step | null {
  return untilAll(c, seg, s - 1);
}

/** Step s of a writer, after `untilFree`: copy `data` (elements of `code`) into its half and publish it. */
export function contribute(c: Exchange, seg: Segment, s: number, data: TypedArray, code: DtypeCode): void {
  copyElements(data, 0, seg.elements(code), seg.half(c.rank, s) / data.BYTES_PER_ELEMENT, data.length);
  seg.publish(s);
}

/** Copy n elements; a short run is copied by hand, since a subarray view costs more than that. */
export function copyElements(from: TypedArray, a: number, to: TypedArray, o: number, n: number): void {
  if (n <= 16) {
    const x = from as unknown as { [i: number]: number };
    const y = to as unknown as { [i: number]: number };
    for (let i = 0; i < n; i++) y[o + i] = x[a + i]!;
  } else {
    (to as unknown as { set(src: TypedArray, at: number): void }).set(from.subarray(a, a + n) as TypedArray, o);
  }
}

/**
 * out[o, o + n) := x_0 ∘ x_1 ∘ ... ∘ x_(p-1), where x_j is what rank j published at step s,
 * `offset` bytes into its half. Folded from the highest rank down, so every combination is
 * `in ∘ inout` with `in` the lower rank: rank order for any operation, and no copy but the first.
 */
export function foldRanks(seg: Segment, r: TypedReduction, s: number, offset: number, n: number, out: TypedArray, o: number): void {
  if (n === 0) return;
  const e = seg.elements(r.code);
  const b = r.elementBytes;
  const at = (j: number) => (seg.half(j, s) + offset) / b;
  copyElements(e, at(seg.size - 1), out, o, n);
  for (let j = seg.size - 2; j >= 0; j--) r.op.reduceRange(e, at(j), out, o, n);
}

/** This rank's slice of a chunk of `bytes` bytes: how a sliced algorithm shares out the work. */
export function slices(bytes: number, r: TypedReduction, size: number): Partition {
  return evenPartition(bytes / r.unitBytes, r.unitBytes, size);
}

/**
 * The first two steps of a sliced reduction of one chunk: publish this rank's chunk at step s,
 * then reduce this rank's slice of every member's chunk into this rank's half of step s + 1 and
 * publish that. On return, the reduced chunk lies in slices across the members' halves of s + 1.
 */
export function* reduceSlices(c: Exchange, seg: Segment, r: TypedReduction, s: number, chunk: TypedArray, part: Partition): Generator<Step, void, void> {
  const free = untilFree(c, seg, s);
  if (free !== null) yield free;
  contribute(c, seg, s, chunk, r.code);
  const all = untilAll(c, seg, s);
  if (all !== null) yield all;
  const off = part.offsets[c.rank]!;
  const b = r.elementBytes;
  foldRanks(seg, r, s, off, part.lengths[c.rank]! / b, seg.elements(r.code), (seg.half(c.rank, s + 1) + off) / b);
  seg.publish(s + 1);
}

/** Copy rank j's reduced slice (published at step s) into `out` at byte offset `at` + its offset. */
export function copySlice(seg: Segment, part: Partition, j: number, s: number, out: Uint8Array, at: number): void {
  const off = part.offsets[j]!;
  const from = seg.half(j, s) + off;
  out.set(seg.bytes.subarray(from, from + part.lengths[j]!), at + off);
}
