/**
 * Building blocks of the shared-memory algorithms (segment.ts explains steps and halves): cutting
 * a message into chunks that fit a half, the two round shapes every such algorithm is made of, and
 * combining the contributions that every rank published, in rank order.
 *
 *   flat rounds     every rank publishes its chunk, then the readers read every member's (allreduce
 *                   and reduce shm_flat fold them, allgather shm copies them out): one step a chunk;
 *   sliced rounds   every rank publishes its chunk and reduces its 1/p slice of all of them, then
 *                   the collectors copy the reduced slices out (allreduce and reduce shm_sliced):
 *                   two steps a chunk.
 *
 * Nothing here allocates per element or per peer: an 8-byte allreduce spends more time in a
 * closure or a view than in its arithmetic.
 */
import { ELEMENT_BYTES, type DtypeCode, type TypedArray } from '../../protocol/dtypes.js';
import type { Exchange, Schedule, Step } from '../exchange.js';
import type { TypedReduction } from '../reduction.js';
import { copyLong, LONG_COPY_BYTES } from '../../transport/copy.js';
import { evenPartition, type Partition } from '../ring.js';
import { SIMD_BLOCK } from '../ops/simd-kernels.js';
import { HALF_BYTES, whenReady, type Segment } from './segment.js';

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
 * Copy n elements. A short run is copied by hand, since a subarray view costs more than that; a
 * longer one through set(), and a long one (transport/copy.ts) with one memcpy, where set() would
 * copy shared memory at half that speed. The byte copy of the transport is its Uint8Array-only
 * twin, kept apart so the message path stays monomorphic.
 */
export function copyElements(from: TypedArray, a: number, to: TypedArray, o: number, n: number): void {
  if (n <= 16) {
    const x = from as unknown as { [i: number]: number };
    const y = to as unknown as { [i: number]: number };
    for (let i = 0; i < n; i++) y[o + i] = x[a + i]!;
    return;
  }
  const run = from.subarray(a, a + n) as TypedArray;
  const e = from.BYTES_PER_ELEMENT; // `to` is of the same type
  if (n * e < LONG_COPY_BYTES) (to as unknown as { set(src: TypedArray, at: number): void }).set(run, o);
  else copyLong(run, to, o * e);
}

/** Copy `len` elements of `data` from `lo` (of type `code`) into this rank's half of step s, and publish it. */
export function publishChunk(seg: Segment, s: number, data: TypedArray, code: DtypeCode, lo: number, len: number): void {
  const e = ELEMENT_BYTES[code]!;
  copyElements(data, lo, seg.elements(code), seg.half(seg.rank, s, len * e) / e, len);
  seg.publish(s);
}

/** What a flat round's reader does once every member has published chunk [lo, lo + len) at step s. */
export interface FlatReader {
  read(seg: Segment, s: number, lo: number, len: number): void;
}

/**
 * Flat rounds over `data` (elements of `code`, cut at `unitBytes`), at steps first, first + 1, ...:
 * for each chunk, wait until the half is free, publish the chunk, and, unless `reader` is null
 * (a rank that only contributes), wait until every member has published and let it read, before
 * the next chunk is published (the reuse rule). `alone`: others wait for this rank only (a
 * broadcast's root), so every publish wakes them. Returns `result`.
 */
export function* flatRounds<R>(
  c: Exchange, seg: Segment, first: number, data: TypedArray, code: DtypeCode, unitBytes: number,
  reader: FlatReader | null, result: R,
): Schedule<R> {
  if (!seg.ready(first)) yield* whenReady(c, seg, first);
  const full = chunkBytes(unitBytes) / data.BYTES_PER_ELEMENT;
  let s = first;
  for (let lo = 0; lo < data.length; s++, lo += full) {
    const len = Math.min(full, data.length - lo);
    const free = untilFree(c, seg, s);
    if (free !== null) yield free;
    publishChunk(seg, s, data, code, lo, len);
    if (reader === null) continue;
    const all = untilAll(c, seg, s);
    if (all !== null) yield all;
    reader.read(seg, s, lo, len);
  }
  seg.finish(s - 1);
  return result;
}

/** What folding needs of a reduction: its operation and element type. */
export type Folding = Pick<TypedReduction, 'op' | 'code' | 'elementBytes'>;

/**
 * out[outAt, outAt + n) := x_0 ∘ x_1 ∘ ... ∘ x_(p-1), where x_j is element `at` on of the chunk
 * (`chunk` bytes) rank j published at step s; this rank's own x is read from `own` (at `ownAt + at`) when given, which
 * must then not be `out` (IN_PLACE passes null and reads its copy in the segment). Folded from the
 * highest rank down, so every combination is `in ∘ inout` with `in` the lower rank: rank order for
 * any operation, and no copy but the first. When every operand and `out` are in the segment and
 * the operation has a SIMD loop there (ops/simd-kernels.ts), the loop does all but the last few
 * elements, and the first combination writes `out` itself instead of a copy.
 */
export function foldPublished(
  r: Folding, seg: Segment, s: number, chunk: number, at: number, own: TypedArray | null, ownAt: number, out: TypedArray, outAt: number, n: number,
): void {
  if (n === 0) return;
  const halves = seg.elements(r.code);
  const e = r.elementBytes;
  const simd = own === null && out === halves && seg.size > 1 ? seg.simdKernel(r) : null;
  const bulk = simd === null ? 0 : (n * e) - ((n * e) % SIMD_BLOCK);
  if (bulk > 0) {
    const from = at * e;
    const o = outAt * e;
    simd!(seg.half(seg.size - 2, s, chunk) + from, seg.half(seg.size - 1, s, chunk) + from, o, bulk);
    for (let j = seg.size - 3; j >= 0; j--) simd!(seg.half(j, s, chunk) + from, o, o, bulk);
    if (bulk === n * e) return;
  }
  const done = bulk / e;
  const mine = own === null ? -1 : seg.rank;
  for (let j = seg.size - 1; j >= 0; j--) {
    const from = j === mine ? own! : halves;
    const a = (j === mine ? ownAt + at : seg.half(j, s, chunk) / e + at) + done;
    if (j === seg.size - 1) copyElements(from, a, out, outAt + done, n - done);
    else r.op.reduceRange(from, a, out, outAt + done, n - done);
  }
}

/** The flat reader of the shm_flat reductions: fold every member's chunk straight into `out`. */
export class FoldInto implements FlatReader {
  constructor(private readonly r: TypedReduction, private readonly input: TypedArray, private readonly out: TypedArray) {}

  read(seg: Segment, s: number, lo: number, len: number): void {
    foldPublished(this.r, seg, s, len * this.r.elementBytes, 0, this.input === this.out ? null : this.input, lo, this.out, lo, len);
  }
}

/** How a sliced algorithm shares out the work on a chunk of `bytes` bytes: rank j reduces slice j. */
export function slices(bytes: number, r: TypedReduction, size: number): Partition {
  return evenPartition(bytes / r.unitBytes, r.unitBytes, size);
}

/**
 * Sliced rounds over the reduction's input, two steps a chunk (s, s + 1):
 *
 *   step s      publish the chunk for the others: all of it but this rank's own slice, which
 *               only this rank reads (so it is not copied, unless the input is also `out`, or the
 *               fold runs in the segment);
 *   step s + 1  reduce this rank's slice of every member's chunk, in rank order, into `out` (or,
 *               without one, into this rank's half of step s + 1) and publish it there when others
 *               copy it (`share`, or no `out`);
 *   then        when there is an `out`, copy the other members' reduced slices into it.
 *
 * With a SIMD loop for the operation (`inSegment`), the whole fold runs in the segment, where the
 * loop can reach every operand: the own slice is published too, the slice is reduced into this
 * rank's half of step s + 1, and every slice, this rank's included, is copied out from there. The
 * two extra copies stay in this rank's cache (nobody else reads them), which costs far less than
 * the JS loop the SIMD one replaces (about 5x slower).
 *
 * Returns `result`.
 */
export function* slicedRounds<R>(c: Exchange, seg: Segment, first: number, r: TypedReduction, out: TypedArray | null, share: boolean, result: R): Schedule<R> {
  if (!seg.ready(first)) yield* whenReady(c, seg, first);
  const input = r.ownElements;
  const e = r.elementBytes;
  const full = chunkBytes(r.unitBytes) / e;
  const halves = seg.elements(r.code);
  const inPlace = out === input;
  const inSegment = seg.size > 1 && seg.simdKernel(r) !== null;
  let s = first;
  for (let lo = 0; lo < input.length; s += 2, lo += full) {
    const part = slices(Math.min(full, input.length - lo) * e, r, c.size);
    const off = part.offsets[c.rank]! / e;
    const n = part.lengths[c.rank]! / e;
    const total = Math.min(full, input.length - lo);
    const free = untilFree(c, seg, s);
    if (free !== null) yield free;
    const chunk = total * e;
    const half = seg.half(c.rank, s, chunk) / e;
    if (inPlace || inSegment) {
      copyElements(input, lo, halves, half, total);
    } else {
      copyElements(input, lo, halves, half, off);
      copyElements(input, lo + off + n, halves, half + off + n, total - off - n);
    }
    seg.publish(s);
    const all = untilAll(c, seg, s);
    if (all !== null) yield all;
    const next = seg.half(c.rank, s + 1, chunk) / e + off;
    if (out === null || inSegment) {
      foldPublished(r, seg, s, chunk, off, inSegment || inPlace ? null : input, lo, halves, next, n);
    } else {
      foldPublished(r, seg, s, chunk, off, inPlace ? null : input, lo, out, lo + off, n);
      if (share) copyElements(out, lo + off, halves, next, n);
    }
    seg.publish(s + 1);
    if (out === null) continue;
    const reduced = untilAll(c, seg, s + 1);
    if (reduced !== null) yield reduced;
    for (let j = 0; j < c.size; j++) {
      if (j !== c.rank || inSegment) copyElements(halves, seg.half(j, s + 1, chunk) / e + part.offsets[j]! / e, out, lo + part.offsets[j]! / e, part.lengths[j]! / e);
    }
  }
  seg.finish(s - 1);
  return result;
}
