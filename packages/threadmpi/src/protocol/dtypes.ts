/**
 * Element-type codes carried in every message envelope, one per typed array type, plus VALUE for
 * structured-clone messages. The receiver compares codes to raise ERR_TYPE on a mismatch.
 */
export type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

export type TypedArrayConstructor =
  | Int8ArrayConstructor | Uint8ArrayConstructor | Uint8ClampedArrayConstructor | Int16ArrayConstructor
  | Uint16ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Float32ArrayConstructor
  | Float64ArrayConstructor | BigInt64ArrayConstructor | BigUint64ArrayConstructor;

export const DtypeCode = {
  INT8: 0, UINT8: 1, INT16: 2, UINT16: 3, INT32: 4, UINT32: 5,
  FLOAT32: 6, FLOAT64: 7, BIGINT64: 8, BIGUINT64: 9,
  /** A structured-clone value that references SharedArrayBuffers (they travel separately). */
  VALUE_SHARED: 14,
  /** A structured-clone (v8.serialize) message: lowercase send/recv. */
  VALUE: 15,
} as const;
export type DtypeCode = (typeof DtypeCode)[keyof typeof DtypeCode];

/** Indexed by DtypeCode. Uint8ClampedArray travels as UINT8: same bytes, same meaning on receipt. */
export const ARRAY_TYPES: readonly TypedArrayConstructor[] = [
  Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

/**
 * Bytes per element by DtypeCode. Hot paths look the size up here: on Node 20, reading
 * `BYTES_PER_ELEMENT` of a typed array costs 4-40 ns (a prototype load), the table a few.
 */
export const ELEMENT_BYTES: readonly number[] = ARRAY_TYPES.map((T) => T.BYTES_PER_ELEMENT);

export const DTYPE_NAMES: readonly string[] = [
  'INT8', 'UINT8', 'INT16', 'UINT16', 'INT32', 'UINT32', 'FLOAT32', 'FLOAT64', 'BIGINT64', 'BIGUINT64',
];

export function isValueCode(code: number): boolean {
  return code === DtypeCode.VALUE || code === DtypeCode.VALUE_SHARED;
}

export function dtypeName(code: number): string {
  return isValueCode(code) ? 'object (structured clone)' : (DTYPE_NAMES[code] ?? `dtype#${code}`);
}

export function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

export function dtypeOf(array: TypedArray): DtypeCode {
  if (array instanceof Float64Array) return DtypeCode.FLOAT64;
  if (array instanceof Int32Array) return DtypeCode.INT32;
  if (array instanceof Float32Array) return DtypeCode.FLOAT32;
  if (array instanceof Uint8Array || array instanceof Uint8ClampedArray) return DtypeCode.UINT8;
  if (array instanceof Int8Array) return DtypeCode.INT8;
  if (array instanceof Int16Array) return DtypeCode.INT16;
  if (array instanceof Uint16Array) return DtypeCode.UINT16;
  if (array instanceof Uint32Array) return DtypeCode.UINT32;
  if (array instanceof BigInt64Array) return DtypeCode.BIGINT64;
  return DtypeCode.BIGUINT64;
}

/** The bytes of a typed array's elements, as a view (no copy). */
export function bytesOf(array: TypedArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
