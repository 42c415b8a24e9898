/**
 * Values that reference SharedArrayBuffers. v8's byte serializer cannot carry shared memory
 * (and Node's Deserializer cannot re-attach it), so before serializing, every SharedArrayBuffer
 * and every view over one is replaced by a small marker naming its index in a separate list;
 * after decoding, markers are replaced by the very same memory, delivered by the BufferChannel.
 *
 * Only values that actually contain shared memory take this path (the plain path is tried
 * first), so the walk's cost is paid only where sharing is the point.
 */
import { ARRAY_TYPES, dtypeOf, isTypedArray } from './dtypes.js';
import './webassembly-types.js';

const MARK = '__threadmpi_shared_ref__';

/**
 * Memory that travels by reference: a SharedArrayBuffer, or a shared WebAssembly.Memory (whose
 * buffer is one; the object itself is needed to instantiate a module over it, as the
 * shared-memory collectives do, collectives/shm/segment.ts).
 */
export type SharedMemory = SharedArrayBuffer | WebAssembly.Memory;

/** Marker dtype of a buffer itself, and of a WebAssembly.Memory. */
const BUFFER = -1;
const WASM_MEMORY = -2;

function isSharedWasmMemory(v: object): v is WebAssembly.Memory {
  return v instanceof WebAssembly.Memory && v.buffer instanceof SharedArrayBuffer;
}

interface Marker {
  [MARK]: true;
  id: number;
  /** BUFFER or WASM_MEMORY for the memory itself, else the DtypeCode of a typed-array view over it. */
  dtype: number;
  byteOffset: number;
  length: number;
}

/**
 * True when `value` references shared memory anywhere. v8's serializer silently copies a typed
 * array over a SharedArrayBuffer (it only refuses a bare one), so this look comes first.
 * Strings and typed arrays end the descent, so a value made of large arrays is cheap to scan.
 */
export function containsShared(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const seen = new Set<object>();
  const stack: object[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v instanceof SharedArrayBuffer || isSharedWasmMemory(v)) return true;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof SharedArrayBuffer) return true;
      continue;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    const children = v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (typeof c === 'object' && c !== null) stack.push(c);
  }
  return false;
}

/** A copy of `value` with shared memory replaced by markers, and the buffers in marker order. */
export function extractShared(value: unknown): { value: unknown; buffers: SharedMemory[] } {
  const buffers: SharedMemory[] = [];
  const seen = new Map<object, unknown>();
  const idOf = (sab: SharedMemory): number => {
    const k = buffers.indexOf(sab);
    return k >= 0 ? k : buffers.push(sab) - 1;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    if (v instanceof SharedArrayBuffer) return marker(idOf(v), BUFFER, 0, v.byteLength);
    if (isSharedWasmMemory(v)) return marker(idOf(v), WASM_MEMORY, 0, v.buffer.byteLength);
    if (isTypedArray(v)) {
      return v.buffer instanceof SharedArrayBuffer ? marker(idOf(v.buffer), dtypeOf(v), v.byteOffset, v.length) : v;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const x of v) out.push(walk(x));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map();
      seen.set(v, out);
      for (const [k, x] of v) out.set(walk(k), walk(x));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set();
      seen.set(v, out);
      for (const x of v) out.add(walk(x));
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return { value: walk(value), buffers };
}

/** Put the shared memory back where `extractShared` left markers (in place). */
export function restoreShared(value: unknown, buffers: readonly SharedMemory[]): unknown {
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return v;
    if ((v as Partial<Marker>)[MARK] === true) return resolve(v as Marker, buffers);
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
    } else if (v instanceof Map) {
      const entries = [...v.entries()];
      v.clear();
      for (const [k, x] of entries) v.set(walk(k), walk(x));
    } else if (v instanceof Set) {
      const items = [...v];
      v.clear();
      for (const x of items) v.add(walk(x));
    } else if (!isTypedArray(v) && Object.getPrototypeOf(v) === Object.prototype) {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = walk(o[k]);
    }
    return v;
  };
  return walk(value);
}

function marker(id: number, dtype: number, byteOffset: number, length: number): Marker {
  return { [MARK]: true, id, dtype, byteOffset, length };
}

function resolve(m: Marker, buffers: readonly SharedMemory[]): unknown {
  const memory = buffers[m.id]!;
  if (m.dtype === BUFFER || m.dtype === WASM_MEMORY) return memory;
  // A view's marker names its buffer, never a WebAssembly.Memory (extractShared's idOf(v.buffer)).
  const Ctor = ARRAY_TYPES[m.dtype]! as unknown as new (b: SharedArrayBuffer, o: number, n: number) => unknown;
  return new Ctor(memory as SharedArrayBuffer, m.byteOffset, m.length);
}
