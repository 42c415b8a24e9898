/**
 * The data collective and one-sided benchmarks send, and how a rank checks what it received.
 * Values are small integers, so every sum is exact in Float64 whatever order an algorithm adds in:
 * a check that fails means a wrong result, never rounding.
 */

/** Written into receive buffers before the verifying call, so an algorithm that skips a block is caught. */
export const SENTINEL = -1;
const BYTE_SENTINEL = 0xff;

/** Rank `rank`'s contribution to a reduction: element i is rank + 1 + (i mod 13). */
export function contribution(rank: number, count: number): Float64Array {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = rank + 1 + (i % 13);
  return values;
}

/** Element i of the SUM of every rank's contribution over `ranks` ranks. */
export function expectedSum(ranks: number, i: number): number {
  return (ranks * (ranks + 1)) / 2 + ranks * (i % 13);
}

/** Byte i of the block identified by `seed` (an owner rank, or a source-destination pair). Never BYTE_SENTINEL. */
export function patternByte(seed: number, i: number): number {
  return (seed * 31 + i * 7) % 255;
}

/** `blocks` consecutive blocks of `size` bytes, block b holding the pattern of `seedOf(b)`. */
export function patternBlocks(blocks: number, size: number, seedOf: (block: number) => number): Uint8Array {
  const bytes = new Uint8Array(blocks * size);
  for (let b = 0; b < blocks; b++) {
    const seed = seedOf(b);
    for (let i = 0; i < size; i++) bytes[b * size + i] = patternByte(seed, i);
  }
  return bytes;
}

/** Elements of `actual` that differ from `expected(i)`. */
export function countWrong(actual: ArrayLike<number>, expected: (i: number) => number): number {
  let wrong = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected(i)) wrong++;
  return wrong;
}

/** Bytes of `actual` that differ from consecutive blocks of `size` bytes with the patterns of `seedOf(b)`. */
export function countWrongBlocks(actual: Uint8Array, size: number, seedOf: (block: number) => number): number {
  return countWrong(actual, (i) => patternByte(seedOf(Math.floor(i / size)), i % size));
}

export function clearBytes(buffer: Uint8Array): void {
  buffer.fill(BYTE_SENTINEL);
}
