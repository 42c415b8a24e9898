/**
 * Turning what a collective call was given into bytes the algorithms move, with the checks that
 * make bad arguments fail in the calling rank, at once, saying what was expected.
 *
 * A buffer spec with a derived datatype is packed into a contiguous copy up front (and, for data
 * the collective writes, unpacked into the user's layout when it completes), so algorithms only
 * ever see contiguous bytes.
 */
import { IN_PLACE, type InPlace } from '../../constants.js';
import { mpiError } from '../../errors.js';
import { describe, messageBytes, receiveTarget, resolveBuffer, unpack, type BufferSpec, type MessageBuffer } from '../../protocol/buffers.js';
import { bytesOf, dtypeName, dtypeOf, isTypedArray, type DtypeCode, type TypedArray } from '../../protocol/dtypes.js';
import type { CommState } from '../../runtime/comm-state.js';

export interface CollBuffer {
  readonly code: DtypeCode;
  readonly elementBytes: number;
  /** Elements in the message. */
  readonly count: number;
  /** The message's elements, contiguous (the user's array itself when it can be). */
  readonly array: TypedArray;
  /** Elements per datatype item: a reduction never cuts an item apart (1 without a datatype). */
  readonly unit: number;
  /** The same elements as bytes. */
  readonly bytes: Uint8Array;
  /** Deliver what the collective wrote into the user's layout (derived datatypes); no-op otherwise. */
  commit(): void;
}

/**
 * A contiguous message. The byte view is made on first use: the shared-memory algorithms work on
 * elements only, and for a short message a view costs as much as the whole collective.
 */
class Contiguous implements CollBuffer {
  readonly code: DtypeCode;
  readonly elementBytes: number;
  readonly count: number;
  private view: Uint8Array | null = null;

  constructor(readonly array: TypedArray, readonly unit: number, private readonly staged: MessageBuffer | null) {
    this.code = dtypeOf(array);
    this.elementBytes = array.BYTES_PER_ELEMENT;
    this.count = array.length;
  }

  get bytes(): Uint8Array {
    return (this.view ??= bytesOf(this.array));
  }

  commit(): void {
    if (this.staged !== null) unpack(this.staged, this.array, this.count);
  }
}

/**
 * `read`: the collective only reads it (a send buffer). `write`: it only writes it. `update`: it
 * reads and writes it (IN_PLACE, or a broadcast buffer that is the root's input).
 */
export type Role = 'read' | 'write' | 'update';

export function collBuffer(spec: BufferSpec, role: Role, what: string): CollBuffer {
  // The common case first, without building a MessageBuffer.
  if (isTypedArray(spec)) return new Contiguous(spec, 1, null);
  const mb = resolveBuffer(spec, what);
  if (mb.datatype === null) return new Contiguous(mb.count === mb.array.length ? mb.array : (mb.array.subarray(0, mb.count) as TypedArray), 1, null);
  const unit = mb.datatype.count;
  if (role === 'read') {
    const bytes = messageBytes(mb);
    const array = new (mb.array.constructor as new (b: ArrayBufferLike, o: number, n: number) => TypedArray)(bytes.buffer, bytes.byteOffset, mb.count);
    return new Contiguous(array, unit, null);
  }
  return new Contiguous(role === 'update' ? packed(mb) : receiveTarget(mb), unit, mb);
}

function packed(mb: MessageBuffer): TypedArray {
  const bytes = messageBytes(mb);
  const copy = new (mb.array.constructor as new (n: number) => TypedArray)(mb.count);
  bytesOf(copy).set(bytes);
  return copy;
}

/** A `[buf, counts, displs?]` spec of the v-collectives, as per-rank byte blocks. */
export interface VectorBuffer {
  readonly code: DtypeCode;
  readonly elementBytes: number;
  readonly array: TypedArray;
  readonly counts: readonly number[];
  /** Rank i's block (its counts[i] elements at displs[i]). */
  readonly blocks: Uint8Array[];
}

export function vectorBuffer(spec: unknown, size: number, what: string): VectorBuffer {
  if (!Array.isArray(spec) || !isTypedArray(spec[0])) {
    throw mpiError('ERR_ARG', `${what} must be [typedArray, counts, displs?], got ${describe(spec)}`);
  }
  const array = spec[0] as TypedArray;
  const counts = integers(spec[1], size, `${what} counts`);
  const displs = spec[2] === undefined ? prefixSums(counts) : integers(spec[2], size, `${what} displs`);
  const code = dtypeOf(array);
  const elementBytes = array.BYTES_PER_ELEMENT;
  const bytes = bytesOf(array);
  const blocks = counts.map((n, i) => {
    const d = displs[i]!;
    if (d + n > array.length) {
      throw mpiError('ERR_COUNT', `${what}: block ${i} (${n} elements at ${d}) ends beyond the buffer of ${array.length} elements`);
    }
    return bytes.subarray(d * elementBytes, (d + n) * elementBytes);
  });
  return { code, elementBytes, array, counts, blocks };
}

function integers(v: unknown, size: number, what: string): number[] {
  if (!Array.isArray(v) && !(isTypedArray(v) && !(v instanceof BigInt64Array || v instanceof BigUint64Array))) {
    throw mpiError('ERR_ARG', `${what} must be an array of ${size} integers, got ${describe(v)}`);
  }
  const a = Array.from(v as ArrayLike<number>);
  if (a.length !== size) throw mpiError('ERR_COUNT', `${what} must have one entry per rank (${size}), got ${a.length}`);
  for (const n of a) {
    if (!Number.isInteger(n) || n < 0) throw mpiError('ERR_COUNT', `${what} must be non-negative integers, got ${String(n)}`);
  }
  return a;
}

function prefixSums(counts: readonly number[]): number[] {
  let at = 0;
  return counts.map((n) => ((at += n), at - n));
}

export function checkCountList(counts: unknown, size: number, what: string): number[] {
  return integers(counts, size, what);
}

/** Views of `bytes` as `size` equal blocks. */
export function equalBlocks(bytes: Uint8Array, size: number): Uint8Array[] {
  const b = bytes.length / size;
  return Array.from({ length: size }, (_, i) => bytes.subarray(i * b, (i + 1) * b));
}

export function checkRoot(comm: CommState, root: unknown, call: string): number {
  if (typeof root !== 'number' || !Number.isInteger(root) || root < 0 || root >= comm.size) {
    throw mpiError('ERR_ROOT', `${call}: root must be a rank in 0..${comm.size - 1} of ${comm.name}, got ${String(root)}`);
  }
  return root;
}

export function isInPlace(x: unknown): x is InPlace {
  return x === IN_PLACE;
}

/** IN_PLACE where only the root may pass it. */
export function rootOnlyInPlace(isRoot: boolean, call: string, which: string): void {
  if (!isRoot) throw mpiError('ERR_ARG', `${call}: only the root may pass IN_PLACE as ${which}`);
}

/** A buffer the call needs but got null/undefined for. */
export function required<T>(x: T | null | undefined, call: string, which: string): T {
  if (x == null) throw mpiError('ERR_ARG', `${call}: ${which} is required here, got ${String(x)}`);
  return x;
}

export function sameType(a: { code: DtypeCode }, b: { code: DtypeCode }, call: string, what: string): void {
  if (a.code !== b.code) {
    throw mpiError('ERR_TYPE', `${call}: ${what} must hold the same element type, got ${dtypeName(a.code)} and ${dtypeName(b.code)}`);
  }
}

export function expectCount(actual: number, expected: number, call: string, what: string): void {
  if (actual !== expected) throw mpiError('ERR_COUNT', `${call}: ${what} must hold ${expected} elements, got ${actual}`);
}

/** `total` elements split into `size` equal blocks, or ERR_COUNT. */
export function blockCount(total: number, size: number, call: string, what: string): number {
  if (total % size !== 0) {
    throw mpiError('ERR_COUNT', `${call}: ${what} holds ${total} elements, which is not a multiple of the communicator size ${size}`);
  }
  return total / size;
}
