/**
 * The value protocol (lowercase send/recv): any structured-clone-able value, serialized with
 * node:v8 into bytes that travel like any other message, never through postMessage (a rank
 * parked in Atomics.wait could not receive one).
 */
import { deserialize, serialize } from 'node:v8';
import { mpiError } from '../errors.js';

export function encodeValue(value: unknown, call: string): Uint8Array {
  try {
    return serialize(value);
  } catch (e) {
    throw mpiError('ERR_ARG', `${call}: the value cannot be sent because it is not structured-clone-able (${(e as Error).message})`);
  }
}

export function decodeValue(bytes: Uint8Array): unknown {
  return deserialize(bytes);
}
