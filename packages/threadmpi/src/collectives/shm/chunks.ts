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

/**
 * Step s of a writer, after `untilFree`: copy `data` (elements of `code`) into its half and
 * publish it; `alone`: others wait for this rank only (a root), so wake them at once.
 */
export function contribute(c: Exchange, seg: Segment, s: number, data: TypedArray, code: DtypeCode, alone = false): void {
  copyElements(data, 0, seg.elements(code), seg.half(c.rank, s) / data.BYTES_PER_ELEMENT, data.length);
  if (alone) seg.announce(s);
  else seg.publish(s);
}

/**
 * Copy n elements. A short run is copied by hand, since a subarray view costs more than that; a
 * long one through Buffer.copy, which is a plain memmove, where TypedArray.prototype.set copies
 * memory of a SharedArrayBuffer element by element (about 1.5x slower, measured on Node 20).
 */
export function copyElements(from: TypedArray, a: number, to: TypedArray, o: number, n: number): void {
  const b = from.BYTES_PER_ELEMENT;
  if (n <= 16) {
    const x = from as unknown as { [i: number]: number };
    const y = to as unknown as { [i: number]: number };
    for (let i = 0; i < n; i++) y[o + i] = x[a + i]!;
  } else if (n * b >= BUFFER_COPY_BYTES) {
    const source = Buffer.from(from.buffer, from.byteOffset + a * b, n * b);
    source.copy(Buffer.from(to.buffer, to.byteOffset + o * b, n * b));
  } else {
    (to as unknown as { set(src: TypedArray, at: number): void }).set(from.subarray(a, a + n) as TypedArray, o);
  }
}

/** From here up, two Buffer views cost less than what memmove saves over set(). */
const BUFFER_COPY_BYTES = 4096;

/**
 * What rank j published at step s, as a fold source: its elements in the segment, or, for this
 * rank itself, straight from its own input when given (read once, by this rank alone). A fold
 * writes its result over its first source before reading the others, so an input that is also
 * the output (IN_PLACE) must be passed as null and read from the segment.
 */
export function published(seg: Segment, r: TypedReduction, s: number, input: TypedArray | null, lo: number, offset = 0): (j: number) => Place {
  const elements = seg.elements(r.code);
  const e = r.elementBytes;
  return (j) => (j === seg.rank && input !== null ? { array: input, at: lo + offset } : { array: elements, at: seg.half(j, s) / e + offset });
}

/** How a sliced algorithm shares out the work on a chunk of `bytes` bytes: rank j reduces slice j. */
export function slices(bytes: number, r: TypedReduction, size: number): Partition {
  return evenPartition(bytes / r.unitBytes, r.unitBytes, size);
}

/** Where a rank's part of a sliced reduction is read or written: an array and an element offset. */
export interface Place {
  array: TypedArray;
  at: number;
}

/**
 * The first two steps of a sliced reduction of one chunk (elements `lo` on of `input`):
 *
 *   step s      publish the chunk for the others: all of it but this rank's own slice, which
 *               only this rank reads (so it is not copied, unless the input is also `mine`);
 *   step s + 1  reduce this rank's slice of every member's chunk, in rank order, into `mine` (the
 *               result buffer, or null: this rank's half of step s + 1), and publish the result
 *               there for whoever copies it out (`share`).
 *
 * On return the reduced slices lie in the members' halves of step s + 1 (or in `mine`).
 */
export function* reduceSlices(
  c: Exchange, seg: Segment, r: TypedReduction, s: number, input: TypedArray, lo: number, part: Partition,
  mine: Place | null, share: boolean,
): Generator<Step, void, void> {
  const e = r.elementBytes;
  const off = part.offsets[c.rank]! / e;
  const n = part.lengths[c.rank]! / e;
  const total = (part.offsets[c.size - 1]! + part.lengths[c.size - 1]!) / e;
  const elements = seg.elements(r.code);
  const free = untilFree(c, seg, s);
  if (free !== null) yield free;
  const half = seg.half(c.rank, s) / e;
  const inPlace = mine !== null && mine.array === input;
  if (inPlace) {
    copyElements(input, lo, elements, half, total);
  } else {
    copyElements(input, lo, elements, half, off);
    copyElements(input, lo + off + n, elements, half + off + n, total - off - n);
  }
  seg.publish(s);
  const all = untilAll(c, seg, s);
  if (all !== null) yield all;
  const out = mine ?? { array: elements, at: seg.half(c.rank, s + 1) / e + off };
  fold(r, seg.size, published(seg, r, s, inPlace ? null : input, lo, off), out, n);
  if (share && mine !== null) copyElements(mine.array, mine.at, elements, seg.half(c.rank, s + 1) / e + off, n);
  seg.publish(s + 1);
}

/**
 * out := x_0 ∘ x_1 ∘ ... ∘ x_(p-1) over n elements, x_j read where `source(j)` says. Folded from
 * the highest rank down, so every combination is `in ∘ inout` with `in` the lower rank: rank order
 * for any operation, and no copy but the first.
 */
export function fold(r: TypedReduction, size: number, source: (j: number) => Place, out: Place, n: number): void {
  if (n === 0) return;
  const last = source(size - 1);
  copyElements(last.array, last.at, out.array, out.at, n);
  for (let j = size - 2; j >= 0; j--) {
    const x = source(j);
    r.op.reduceRange(x.array, x.at, out.array, out.at, n);
  }
}

/** Copy rank j's reduced slice (published at step s) into `out`, whose chunk starts at element `lo`. */
export function copySlice(seg: Segment, r: TypedReduction, part: Partition, j: number, s: number, out: TypedArray, lo: number): void {
  const e = r.elementBytes;
  const off = part.offsets[j]! / e;
  copyElements(seg.elements(r.code), seg.half(j, s) / e + off, out, lo + off, part.lengths[j]! / e);
}
