/**
 * The origin side of an RMA call: the user's buffer (a typed array or a `[buf, count, datatype]`
 * spec) as the contiguous run of elements the call moves. The target side is always contiguous
 * from the displacement, in the target's elements.
 *
 * A plain typed array, the latency case, is used as it is: no object, no subarray per call.
 */
import { messageBytes, receiveTarget, resolveBuffer, unpack, type BufferSpec } from '../protocol/buffers.js';
import { isTypedArray, type TypedArray } from '../protocol/dtypes.js';
import type { WindowArrayType } from './memory.js';

/** Elements a Put or an accumulate sends: the user's array in place, or a packed copy of a derived layout. */
export function originElements(spec: BufferSpec, call: string): TypedArray {
  if (isTypedArray(spec)) return spec;
  const mb = resolveBuffer(spec, call);
  if (mb.datatype === null) return mb.array.subarray(0, mb.count);
  const bytes = messageBytes(mb);
  return new (mb.array.constructor as WindowArrayType)(bytes.buffer, bytes.byteOffset, mb.count);
}

/** Where a Get or Get_accumulate's results land from a buffer spec: fill `elements`, then call `done` (unpacks a derived layout). */
export function resultElements(spec: BufferSpec, call: string): { elements: TypedArray; done: () => void } {
  const mb = resolveBuffer(spec, call);
  const landing = receiveTarget(mb);
  return { elements: landing.subarray(0, mb.count), done: () => unpack(mb, landing, mb.count) };
}
