/**
 * The engine's two allocation-free helpers: copying bytes between rings and user buffers, and
 * taking an item out of a queue (Array.prototype.splice returns a fresh array of what it removed);
 * and the copy of long runs every copy into or out of shared memory ends in.
 */

/** Up to this many bytes, a plain loop beats creating the subarray view that `set` needs. */
const SMALL_COPY = 128;

/**
 * From this many bytes on, a copy goes through `copyLong`. TypedArray `set` copies to or from a
 * SharedArrayBuffer with V8's relaxed-atomic memmove, about 0.5x of a plain memcpy once the run is
 * long (Node 20.20: 1 MiB 45 against 24 us, 4 MiB 255 against 99 us); below 8 KiB the argument
 * checks of Buffer's fill cost what they save.
 */
export const LONG_COPY_BYTES = 8192;

const bufferFill = Buffer.prototype.fill as (this: Uint8Array, value: ArrayBufferView, offset: number, end: number) => Uint8Array;

/**
 * Copy all of `src`'s bytes into `dst` from its byte `dstByteAt` on, with one memcpy: Buffer's fill
 * with a value as long as the range copies it once in C++ (node_buffer.cc Fill), whatever memory
 * is under either view. Runs in one buffer go through `set`, a memmove, since they may overlap.
 */
export function copyLong(src: ArrayBufferView, dst: ArrayBufferView, dstByteAt: number): void {
  const to = dst instanceof Uint8Array ? dst : new Uint8Array(dst.buffer, dst.byteOffset, dst.byteLength);
  if (src.buffer === to.buffer) to.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), dstByteAt);
  else bufferFill.call(to, src, dstByteAt, dstByteAt + src.byteLength);
}

/** Copy `n` bytes from `src[srcAt ..]` to `dst[dstAt ..]`. */
export function copyBytes(src: Uint8Array, srcAt: number, dst: Uint8Array, dstAt: number, n: number): void {
  if (n <= SMALL_COPY) {
    for (let i = 0; i < n; i++) dst[dstAt + i] = src[srcAt + i]!;
    return;
  }
  const run = srcAt === 0 && n === src.length ? src : src.subarray(srcAt, srcAt + n);
  if (n < LONG_COPY_BYTES) dst.set(run, dstAt);
  else copyLong(run, dst, dstAt);
}

/** Remove and return `list[k]`, keeping the order of the rest. */
export function removeAt<T>(list: T[], k: number): T {
  if (k === 0) return list.shift()!;
  const item = list[k]!;
  for (let i = k + 1; i < list.length; i++) list[i - 1] = list[i]!;
  list.pop();
  return item;
}
