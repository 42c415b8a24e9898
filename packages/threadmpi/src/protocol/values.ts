/**
 * The value protocol (lowercase send/recv): any structured-clone-able value, serialized with
 * node:v8 into bytes that travel like any other message, never through postMessage (a rank
 * parked in Atomics.wait could not receive one).
 *
 * SharedArrayBuffers inside a value keep their meaning, as with postMessage: the receiver gets
 * the same memory, not a copy (shared-refs.ts; the buffers travel through the BufferChannel).
 */
import { deserialize, serialize } from 'node:v8';
import { containsShared, extractShared, restoreShared } from './shared-refs.js';
import { mpiError } from '../errors.js';

export interface EncodedValue {
  bytes: Uint8Array;
  /** Shared memory referenced by the value, in the order the bytes refer to it; null if none. */
  buffers: SharedArrayBuffer[] | null;
}

export function encodeValue(value: unknown, call: string): EncodedValue {
  try {
    if (!containsShared(value)) return { bytes: serialize(value), buffers: null };
    const { value: marked, buffers } = extractShared(value);
    return { bytes: serialize(marked), buffers };
  } catch (e) {
    throw mpiError('ERR_ARG', `${call}: the value cannot be sent because it is not structured-clone-able (${(e as Error).message})`);
  }
}

export function decodeValue(bytes: Uint8Array, buffers: readonly SharedArrayBuffer[] | null): unknown {
  const value = deserialize(bytes);
  return buffers === null ? value : restoreShared(value, buffers);
}
