/**
 * Moving elements between the caller's array and a window part (Put, Get) fast for the small
 * transfers that make RMA latency. TypedArray.prototype.set costs some 50 ns even for one
 * element, and copying a range *out of* a part needs a subarray object per call; a loop costs a
 * few nanoseconds. The loop copies integer words (the element width, at most 32 bits) through
 * integer views made once, not elements: a Float32 read into a JS number and written back may
 * change a NaN's bits, an integer copy never does. Large transfers use set's memcpy, next to
 * which one subarray is nothing, and long ones one memcpy (transport/copy.ts), where set would
 * copy shared memory at half that speed.
 *
 * The hot path reads only `length` of typed arrays: in Node 20's V8, `byteLength` and
 * `BYTES_PER_ELEMENT` are 20-40 ns property loads each, as much as the copy itself.
 */
import type { TypedArray } from '../protocol/dtypes.js';
import { copyLong, LONG_COPY_BYTES } from '../transport/copy.js';

/** Above this, set's memcpy wins. */
const LOOP_BYTES = 64;

export type Words = Uint8Array | Uint16Array | Int32Array;

/** A part as the copier needs it: its elements, the same memory as words, and their sizes. */
export interface CopyTarget {
  readonly view: TypedArray;
  readonly words: Words;
  readonly elementBytes: number;
  /** Words per element: 2 for 64-bit elements, else 1. */
  readonly wordsPerElement: number;
}

/** An integer view of `array`'s memory in words of its element width, at most 4 bytes. */
export function wordsOf(array: TypedArray): Words {
  const { buffer, byteOffset, byteLength } = array;
  switch (array.BYTES_PER_ELEMENT) {
    case 1: return new Uint8Array(buffer, byteOffset, byteLength);
    case 2: return new Uint16Array(buffer, byteOffset, byteLength / 2);
    default: return new Int32Array(buffer, byteOffset, byteLength / 4);
  }
}

export class ElementCopier {
  /** The word view of the caller's last array: a loop that reuses its buffer (the usual case) makes none. */
  private callerArray: TypedArray | null = null;
  private callerWords: Words = new Uint8Array(0);

  /** Copy all of `data` into `part` from element `at` (same element type, range checked). */
  copyIn(part: CopyTarget, at: number, data: TypedArray): void {
    const bytes = data.length * part.elementBytes;
    if (bytes >= LONG_COPY_BYTES) return copyLong(data, part.view, at * part.elementBytes);
    if (bytes > LOOP_BYTES) return (part.view as Uint8Array).set(data as Uint8Array, at);
    const src = this.wordsOfCaller(data);
    const dst = part.words;
    const from = at * part.wordsPerElement;
    for (let i = 0, n = src.length; i < n; i++) dst[from + i] = src[i]!;
  }

  /** Fill all of `into` with `part`'s elements from `at` on (same element type, range checked). */
  copyOut(part: CopyTarget, at: number, into: TypedArray): void {
    const count = into.length;
    const bytes = count * part.elementBytes;
    if (bytes >= LONG_COPY_BYTES) return copyLong(part.view.subarray(at, at + count), into, 0);
    if (bytes > LOOP_BYTES) return (into as Uint8Array).set((part.view as Uint8Array).subarray(at, at + count));
    const dst = this.wordsOfCaller(into);
    const src = part.words;
    const from = at * part.wordsPerElement;
    for (let i = 0, n = dst.length; i < n; i++) dst[i] = src[from + i]!;
  }

  private wordsOfCaller(array: TypedArray): Words {
    if (array !== this.callerArray) {
      this.callerArray = array;
      this.callerWords = wordsOf(array);
    }
    return this.callerWords;
  }
}
