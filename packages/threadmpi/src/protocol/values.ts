/**
 * The value protocol (lowercase send/recv): any structured-clone-able value, as bytes that travel
 * like any other message, never through postMessage (a rank parked in Atomics.wait could not
 * receive one).
 *
 * Plain values (JSON-like data, plain-format.ts) take a fast encoding that allocates nothing on
 * the sending side; everything else is serialized with node:v8. The first byte tells them apart.
 *
 * SharedArrayBuffers inside a value keep their meaning, as with postMessage: the receiver gets
 * the same memory, not a copy (shared-refs.ts; the buffers travel through the BufferChannel).
 */
import { createRequire } from 'node:module';
import { containsShared, extractShared, restoreShared, type SharedMemory } from './shared-refs.js';
import { mpiError } from '../errors.js';
import { PlainEncoder } from './plain-encoder.js';
import { decodePlain } from './plain-decoder.js';
import { FORMAT } from './plain-format.js';

/**
 * node:v8, loaded when a value first needs it. JSON-like values never do, and requiring node:v8
 * in a fresh worker took 0.4-3 ms (Node 20.20) of the start-up every rank thread pays.
 */
let v8: typeof import('node:v8') | null = null;
const nodeV8 = (): typeof import('node:v8') => (v8 ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8'));

export interface EncodedValue {
  bytes: Uint8Array;
  /** Shared memory referenced by the value, in the order the bytes refer to it; null if none. */
  buffers: SharedMemory[] | null;
}

/** An encoding that may live in a buffer reused by the next encode: the first `length` bytes of `bytes`. */
export interface BorrowedValue extends EncodedValue {
  length: number;
  /** `bytes` is the encoder's buffer: copy it to keep it past the next encode. */
  borrowed: boolean;
}

const encoder = new PlainEncoder();
/** Reused result of encodeValueBorrowed: read it before the next encode. */
const borrowedResult: BorrowedValue = { bytes: encoder.bytes, length: 0, buffers: null, borrowed: true };

/**
 * Encode `value`, plain values into the encoder's own buffer (no allocation). Not reentrant: the
 * result is overwritten by the next call, so callers copy what they keep.
 */
export function encodeValueBorrowed(value: unknown, call: string): BorrowedValue {
  const r = borrowedResult;
  const length = encoder.encode(value);
  if (length >= 0) {
    r.bytes = encoder.bytes;
    r.length = length;
    r.buffers = null;
    r.borrowed = true;
    return r;
  }
  const { bytes, buffers } = encodeV8(value, call);
  r.bytes = bytes;
  r.length = bytes.length;
  r.buffers = buffers;
  r.borrowed = false;
  return r;
}

/** Encode `value` into bytes of its own. */
export function encodeValue(value: unknown, call: string): EncodedValue {
  const { bytes, length, buffers, borrowed } = encodeValueBorrowed(value, call);
  return { bytes: borrowed ? bytes.slice(0, length) : bytes, buffers };
}

function encodeV8(value: unknown, call: string): EncodedValue {
  try {
    if (!containsShared(value)) return { bytes: nodeV8().serialize(value), buffers: null };
    const { value: marked, buffers } = extractShared(value);
    return { bytes: nodeV8().serialize(marked), buffers };
  } catch (e) {
    throw mpiError('ERR_ARG', `${call}: the value cannot be sent because it is not structured-clone-able (${(e as Error).message})`);
  }
}

export function decodeValue(bytes: Uint8Array, buffers: readonly SharedMemory[] | null): unknown {
  return decodeValueAt(bytes, null, 0, bytes.length, buffers);
}

/**
 * Decode the value in `bytes[from .. from + length)` in place. `view`, when given, is a DataView
 * over the same memory as `bytes` (the engine keeps one per ring, so reading from a ring allocates
 * nothing but the value itself).
 */
export function decodeValueAt(
  bytes: Uint8Array, view: DataView | null, from: number, length: number, buffers: readonly SharedMemory[] | null,
): unknown {
  if (bytes[from] === FORMAT) {
    return decodePlain(bytes, view ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), from, from + length);
  }
  const value = nodeV8().deserialize(bytes.subarray(from, from + length));
  return buffers === null ? value : restoreShared(value, buffers);
}
