/**
 * A window's memory: where each rank's part lives, as typed-array views every rank holds over
 * the same SharedArrayBuffers. Creating one is collective: each rank describes its part, the
 * descriptions (which carry the buffers by reference) are exchanged, and every rank builds its
 * own views of all parts. Rank 0 also allocates the window's control block and hands it out in
 * the same exchange.
 *
 * Three ways to get the memory, as in MPI:
 *   Allocate         each rank allocates its own buffer
 *   Allocate_shared  rank 0 allocates one buffer for all, rank r's part right after rank r-1's
 *                    (MPI's default contiguous layout), each part aligned to its element size
 *   Create           each rank brings a typed array it already holds in a SharedArrayBuffer
 * Ranks may use different element types and counts; each part keeps its own.
 */
import { alignUp } from '@threadmpi/atomics';
import type { Comm } from '../Comm.js';
import { mpiError } from '../errors.js';
import { describe } from '../protocol/buffers.js';
import { isTypedArray, type TypedArray } from '../protocol/dtypes.js';
import { atomicCellsOf, type AtomicCells } from './atomic-cells.js';
import { ControlBlock } from './control-block.js';
import { quadsOf, wordsOf, type CopyTarget } from './element-copy.js';
import { allgatherOverP2p, bcastOverP2p } from './exchange.js';

/** A typed array constructor a window part can be viewed with; `A` is the array type it makes. */
export interface WindowArrayType<A extends TypedArray = TypedArray> {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

/** Element types a window may hold. Descriptions name them, and each rank builds views from its own constructors. */
const WINDOW_ARRAY_TYPES: readonly WindowArrayType[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

/** One rank's part of the window as every rank sees it (and, for copies, its words: rma/element-copy.ts). */
export interface Segment extends CopyTarget {
  /** The part's elements (a live view of the shared memory). */
  readonly view: TypedArray;
  /** Their type: an origin must be an instance of it. */
  readonly ArrayType: WindowArrayType;
  /** The same elements for atomic read-modify-write. */
  readonly cells: AtomicCells;
}

export interface WindowMemory {
  /** Every rank's part, indexed by rank in the window's communicator. */
  readonly segments: readonly Segment[];
  readonly control: SharedArrayBuffer;
  /** This rank's part as the caller knows it (for Create: the caller's own array). */
  readonly local: TypedArray;
}

interface PartShape {
  length: number;
  type: string;
}

export interface PartDescription extends PartShape {
  buffer: SharedArrayBuffer;
  byteOffset: number;
}

export function checkArrayType(ArrayType: unknown, call: string): WindowArrayType {
  const found = WINDOW_ARRAY_TYPES.find((T) => T === ArrayType);
  if (found === undefined) {
    throw mpiError('ERR_ARG', `${call}: ArrayType must be a typed array constructor (${WINDOW_ARRAY_TYPES.map((T) => T.name).join(', ')}), got ${describe(ArrayType)}`);
  }
  return found;
}

export function checkCount(count: unknown, call: string): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw mpiError('ERR_ARG', `${call}: count must be a non-negative integer number of elements, got ${describe(count)}`);
  }
  return count;
}

/** Allocate: every rank allocates its own part. */
export function allocateParts(comm: Comm, count: number, ArrayType: WindowArrayType): WindowMemory {
  const buffer = new SharedArrayBuffer(count * ArrayType.BYTES_PER_ELEMENT);
  return exchangeParts(comm, { buffer, byteOffset: 0, length: count, type: ArrayType.name }, null);
}

/**
 * Create, first half: check the caller's memory and describe it (before anything collective,
 * so a bad argument raises at once in this rank).
 */
export function describeUserPart(array: unknown, call: string): PartDescription {
  if (!isTypedArray(array)) throw mpiError('ERR_ARG', `${call}: memory must be a typed array over a SharedArrayBuffer, got ${describe(array)}`);
  checkArrayType(array.constructor, call);
  let shared = array;
  if (!(array.buffer instanceof SharedArrayBuffer)) {
    if (array.length > 0) {
      throw mpiError('ERR_ARG',
        `${call}: the ${array.constructor.name} lives in an ordinary ArrayBuffer, which other ranks (threads) cannot see; ` +
        `allocate it in shared memory, e.g. new ${array.constructor.name}(new SharedArrayBuffer(n * ${array.BYTES_PER_ELEMENT})), or use Win.Allocate`);
    }
    // An empty part shares nothing, so ordinary memory is fine; the others still need a buffer to view.
    shared = new (array.constructor as WindowArrayType)(new SharedArrayBuffer(0));
  }
  return { buffer: shared.buffer as SharedArrayBuffer, byteOffset: shared.byteOffset, length: shared.length, type: shared.constructor.name };
}

/** Allocate_shared: one buffer for every part, laid out contiguously in rank order. */
export function allocateContiguous(comm: Comm, count: number, ArrayType: WindowArrayType): WindowMemory {
  const shapes = allgatherOverP2p<PartShape>(comm, { length: count, type: ArrayType.name });
  let end = 0;
  const offsets = shapes.map((s) => {
    const elementBytes = arrayTypeNamed(s.type).BYTES_PER_ELEMENT;
    const start = alignUp(end, elementBytes);
    end = start + s.length * elementBytes;
    return start;
  });
  const mine = comm.rank === 0 ? { buffer: new SharedArrayBuffer(end), control: newControlBlock(comm) } : null;
  const shared = bcastOverP2p(comm, mine, 0);
  const segments = shapes.map((s, r) => segmentOf({ ...s, buffer: shared.buffer, byteOffset: offsets[r]! }));
  return { segments, control: shared.control, local: segments[comm.rank]!.view };
}

/** Every rank's part, from each rank's description of its own; `local` (Create) is the caller's array. */
export function exchangeParts(comm: Comm, part: PartDescription, local: TypedArray | null): WindowMemory {
  const control = comm.rank === 0 ? newControlBlock(comm) : null;
  const all = allgatherOverP2p(comm, { part, control });
  const segments = all.map((d) => segmentOf(d.part));
  return { segments, control: all[0]!.control!, local: local ?? segments[comm.rank]!.view };
}

function newControlBlock(comm: Comm): SharedArrayBuffer {
  return new SharedArrayBuffer(ControlBlock.bytesFor(comm.size));
}

function segmentOf(d: PartDescription): Segment {
  const ArrayType = arrayTypeNamed(d.type);
  const view = new ArrayType(d.buffer, d.byteOffset, d.length);
  return { view, ArrayType, words: wordsOf(view), quads: quadsOf(view), elementBytes: view.BYTES_PER_ELEMENT, cells: atomicCellsOf(view) };
}

function arrayTypeNamed(name: string): WindowArrayType {
  return WINDOW_ARRAY_TYPES.find((T) => T.name === name)!;
}
