/**
 * The copies every transfer into or out of shared memory ends in (transport/copy.ts): whatever
 * path a length takes (hand loop, set, one memcpy), the bytes arrive exactly, nothing next to the
 * range is touched, and runs within one buffer may overlap.
 */
import fc from 'fast-check';
import { copyBytes, copyLong, LONG_COPY_BYTES } from '../src/transport/copy.js';

const memory = (shared: boolean, bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
const pattern = (bytes: Uint8Array, seed: number) => bytes.forEach((_, i) => (bytes[i] = (i * 31 + seed) & 255));

test('copyBytes moves exactly n bytes between any two memories, at every length class, and leaves the rest alone', () => {
  const lengths = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 200, max: LONG_COPY_BYTES + 64 }), fc.integer({ min: LONG_COPY_BYTES, max: 3 * LONG_COPY_BYTES }));
  fc.assert(fc.property(lengths, fc.nat(100), fc.nat(100), fc.boolean(), fc.boolean(), (n, srcAt, dstAt, srcShared, dstShared) => {
    const src = new Uint8Array(memory(srcShared, srcAt + n + 8));
    const dst = new Uint8Array(memory(dstShared, dstAt + n + 8));
    pattern(src, 1);
    dst.fill(0xee);
    copyBytes(src, srcAt, dst, dstAt, n);
    for (let i = 0; i < dst.length; i++) {
      const want = i >= dstAt && i < dstAt + n ? src[srcAt + i - dstAt] : 0xee;
      if (dst[i] !== want) throw new Error(`byte ${i}: ${dst[i]} is not ${want}`);
    }
  }), { numRuns: 200 });
});

test('copyLong copies element views by their bytes, from and to views that start inside their buffers', () => {
  const src = new Float64Array(memory(false, 8 * 4100), 8 * 3, 4096).map((_, i) => i + 0.5);
  const dst = new Float64Array(memory(true, 8 * 4200), 8 * 10, 4100);
  dst.fill(-1);
  copyLong(src, dst, 8 * 2);
  expect(dst[0]).toBe(-1);
  expect(dst[1]).toBe(-1);
  expect(dst.subarray(2, 4098).every((v, i) => v === i + 0.5)).toBe(true);
  expect(dst[4098]).toBe(-1);
  expect(new Float64Array(dst.buffer)[9]).toBe(0); // the word before the view is not written
});

test('copyLong within one buffer is a memmove: overlapping runs, forwards and backwards', () => {
  for (const shift of [-1000, -1, 1, 1000]) {
    const all = new Uint8Array(memory(true, 4 * LONG_COPY_BYTES));
    pattern(all, 7);
    const want = Uint8Array.from(all);
    const from = LONG_COPY_BYTES, n = 2 * LONG_COPY_BYTES;
    want.copyWithin(from + shift, from, from + n);
    copyLong(all.subarray(from, from + n), all, from + shift);
    expect(Buffer.from(all.buffer).equals(Buffer.from(want.buffer))).toBe(true);
  }
});
