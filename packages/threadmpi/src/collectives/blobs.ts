/**
 * Values as the bytes the lowercase collectives move. A value is serialized once, by its owner,
 * and decoded only where it is delivered; ranks that merely forward it (tree nodes) never decode.
 *
 * Values that reference SharedArrayBuffers cannot travel this way: their memory has to go by the
 * BufferChannel with each message, and forwarding ranks would have to re-attach it. Such values
 * are refused with a clear error; point-to-point `send` carries them.
 */
import { mpiError } from '../errors.js';
import { decodeValue, encodeValue } from '../protocol/values.js';

export function encodeBlob(value: unknown, call: string): Uint8Array {
  const { bytes, buffers } = encodeValue(value, call);
  if (buffers !== null) {
    throw mpiError('ERR_ARG', `${call}: values holding SharedArrayBuffers cannot be passed to collectives; send them with send/isend, or share memory with Win.Allocate_shared`);
  }
  return bytes;
}

export function decodeBlob(bytes: Uint8Array): unknown {
  return decodeValue(bytes, null);
}
