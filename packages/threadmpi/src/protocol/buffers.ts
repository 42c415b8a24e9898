/**
 * Resolving what the user passed as a message buffer: a typed array, or a buffer spec
 * `[buf, count]`, `[buf, datatype]`, `[buf, count, datatype]`.
 *
 * The transport only ever moves a contiguous run of bytes. A derived datatype is therefore packed
 * into a temporary array before sending and unpacked after receiving; a plain typed array (or a
 * prefix of one) is used in place, without a copy.
 */
import { Datatype } from '../Datatype.js';
import { mpiError } from '../errors.js';
import { bytesOf, dtypeName, dtypeOf, isTypedArray, type DtypeCode, type TypedArray } from './dtypes.js';

export type BufferSpec =
  | TypedArray
  | readonly [TypedArray, number]
  | readonly [TypedArray, Datatype]
  | readonly [TypedArray, number, Datatype];

export interface MessageBuffer {
  readonly array: TypedArray;
  readonly code: DtypeCode;
  /** Base elements the message holds. */
  readonly count: number;
  /** A derived layout to pack/unpack, or null when the message is `array`'s first `count` elements. */
  readonly datatype: Datatype | null;
  /** Items of `datatype` (for derived layouts). */
  readonly items: number;
}

export function resolveBuffer(spec: BufferSpec, what: string): MessageBuffer {
  if (isTypedArray(spec)) return { array: spec, code: dtypeOf(spec), count: spec.length, datatype: null, items: spec.length };
  if (!Array.isArray(spec) || !isTypedArray(spec[0])) {
    throw mpiError('ERR_ARG', `${what} must be a typed array or a [typedArray, count?, datatype?] spec, got ${describe(spec)}`);
  }
  const array = spec[0] as TypedArray;
  const code = dtypeOf(array);
  let count: number | undefined;
  let datatype: Datatype | undefined;
  for (const part of spec.slice(1)) {
    if (part instanceof Datatype) datatype = part;
    else if (typeof part === 'number') count = part;
    else throw mpiError('ERR_ARG', `${what}: buffer spec entries after the array must be a count or a Datatype, got ${describe(part)}`);
  }
  if (datatype !== undefined) {
    datatype.assertCommitted();
    if (datatype.code !== code) {
      throw mpiError('ERR_TYPE', `${what}: datatype ${datatype.name} is made of ${dtypeName(datatype.code)} but the buffer is a ${array.constructor.name}`);
    }
  }
  const displs = datatype?.displs ?? null;
  if (displs === null) {
    const n = count ?? array.length;
    checkCount(n, array.length, what);
    return { array, code, count: n, datatype: null, items: n };
  }
  const dt = datatype!;
  const items = count ?? 1;
  let span = 0;
  for (const d of displs) span = Math.max(span, d + 1);
  const needed = items === 0 ? 0 : (items - 1) * dt.extent + span;
  checkCount(items, Number.MAX_SAFE_INTEGER, what);
  if (needed > array.length) {
    throw mpiError('ERR_COUNT', `${what}: ${items} item(s) of ${dt.name} need ${needed} elements, but the buffer has ${array.length}`);
  }
  return { array, code, count: items * displs.length, datatype: dt, items };
}

function checkCount(n: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw mpiError('ERR_COUNT', `${what}: count must be a non-negative integer, got ${n}`);
  if (n > max) throw mpiError('ERR_COUNT', `${what}: count ${n} exceeds the buffer's ${max} elements`);
}

/** The message's bytes: a view of the user's array when contiguous, a packed copy otherwise. */
export function messageBytes(mb: MessageBuffer): Uint8Array {
  if (mb.datatype === null) {
    const bpe = mb.array.BYTES_PER_ELEMENT;
    return new Uint8Array(mb.array.buffer, mb.array.byteOffset, mb.count * bpe);
  }
  return bytesOf(pack(mb));
}

/** Where received bytes land: the array itself when contiguous, a temporary to unpack otherwise. */
export function receiveTarget(mb: MessageBuffer): TypedArray {
  if (mb.datatype === null) return mb.array;
  const Ctor = mb.array.constructor as new (n: number) => TypedArray;
  return new Ctor(mb.count);
}

/** The bytes a receive into `mb` fills: `target` (from receiveTarget), limited to the spec's count. */
export function receiveBytes(mb: MessageBuffer, target: TypedArray): Uint8Array {
  const bytes = bytesOf(target);
  return mb.datatype === null ? bytes.subarray(0, mb.count * target.BYTES_PER_ELEMENT) : bytes;
}

/**
 * The bytes of plain typed arrays, as a view made once per array: a loop that sends or receives
 * the same array again and again (the usual case) creates no view per message.
 */
export class ByteViews {
  private array: TypedArray | null = null;
  private view: Uint8Array = new Uint8Array(0);

  of(array: TypedArray): Uint8Array {
    if (array instanceof Uint8Array) return array;
    if (array !== this.array) {
      this.array = array;
      this.view = bytesOf(array);
    }
    return this.view;
  }
}

/** Scatter `received` (the first `elements` of a contiguous message) into the derived layout. */
export function unpack(mb: MessageBuffer, received: TypedArray, elements: number): void {
  const dt = mb.datatype;
  if (dt === null) return;
  const displs = dt.displs!;
  const out = mb.array as unknown as { [i: number]: number | bigint };
  const src = received as unknown as { [i: number]: number | bigint };
  for (let k = 0; k < elements; k++) {
    const item = Math.floor(k / displs.length);
    out[item * dt.extent + displs[k % displs.length]!] = src[k]!;
  }
}

function pack(mb: MessageBuffer): TypedArray {
  const dt = mb.datatype!;
  const displs = dt.displs!;
  const Ctor = mb.array.constructor as new (n: number) => TypedArray;
  const out = new Ctor(mb.count);
  const dst = out as unknown as { [i: number]: number | bigint };
  const src = mb.array as unknown as { [i: number]: number | bigint };
  let k = 0;
  for (let item = 0; item < mb.items; item++) {
    const base = item * dt.extent;
    for (const d of displs) dst[k++] = src[base + d]!;
  }
  return out;
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (isTypedArray(x)) return `a ${x.constructor.name}(${x.length})`;
  if (typeof x === 'object') return `an object (${(x as object).constructor?.name ?? 'Object'})`;
  return `${typeof x} ${String(x)}`;
}
