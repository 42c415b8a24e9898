/**
 * Cache-line geometry shared by every primitive in this package.
 *
 * Two counters written by different threads must never share a 64-byte line, or every write by one
 * thread invalidates the other's cached copy ("false sharing"). All primitives therefore place each
 * independently-written Int32 word at the start of its own line: word index = line * INT32_PER_LINE.
 */
export const CACHE_LINE_BYTES = 64;
export const INT32_PER_LINE = CACHE_LINE_BYTES / Int32Array.BYTES_PER_ELEMENT;

/** Round `n` up to a multiple of `align` (a power of two). */
export function alignUp(n: number, align: number): number {
  return (n + align - 1) & ~(align - 1);
}

/**
 * An Int32 view of `lines` whole cache lines starting at `byteOffset`. The padding between a
 * primitive's words only prevents false sharing if the primitive starts on a line, so a misaligned
 * offset is refused rather than silently made slow.
 */
export function lineWords(buffer: SharedArrayBuffer, byteOffset: number, lines: number, what: string): Int32Array {
  if (byteOffset % CACHE_LINE_BYTES !== 0) {
    throw new RangeError(`${what} byteOffset must be ${CACHE_LINE_BYTES}-byte aligned, got ${byteOffset}`);
  }
  return new Int32Array(buffer, byteOffset, lines * INT32_PER_LINE);
}
