/**
 * The engine's two allocation-free helpers: copying bytes between rings and user buffers, and
 * taking an item out of a queue (Array.prototype.splice returns a fresh array of what it removed).
 */

/** Up to this many bytes, a plain loop beats creating the subarray view that `set` needs. */
const SMALL_COPY = 128;

/** Copy `n` bytes from `src[srcAt ..]` to `dst[dstAt ..]`. */
export function copyBytes(src: Uint8Array, srcAt: number, dst: Uint8Array, dstAt: number, n: number): void {
  if (n <= SMALL_COPY) {
    for (let i = 0; i < n; i++) dst[dstAt + i] = src[srcAt + i]!;
    return;
  }
  dst.set(srcAt === 0 && n === src.length ? src : src.subarray(srcAt, srcAt + n), dstAt);
}

/** Remove and return `list[k]`, keeping the order of the rest. */
export function removeAt<T>(list: T[], k: number): T {
  if (k === 0) return list.shift()!;
  const item = list[k]!;
  for (let i = k + 1; i < list.length; i++) list[i - 1] = list[i]!;
  list.pop();
  return item;
}
