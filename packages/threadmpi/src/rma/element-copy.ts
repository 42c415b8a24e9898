/**
 * Moving elements between the caller's array and a window part (Put, Get) fast for the small
 * transfers that make RMA latency. TypedArray.prototype.set costs some 50 ns even for one
 * element, and copying a range *out of* a part needs a subarray object per call; a loop costs a
 * few nanoseconds. The loop copies integer words through views made once, not elements: a Float32
 * read into a JS number and written back may change a NaN's bits, an integer copy never does.
 * The words are 32-bit wherever both sides lie on the 4-byte grid (8 bytes are 2 stores, not 8),
 * else of the element's width. Larger transfers use set, next to which one subarray is nothing,
 * and from 8 KiB one memcpy (transport/copy.ts), where set would copy shared memory at half that
 * speed.
 *
 * The hot path reads only `length` of typed arrays: in Node 20's V8, `byteLength` and
 * `BYTES_PER_ELEMENT` are 20-40 ns property loads each, as much as the copy itself.
 */
import type { TypedArray } from '../protocol/dtypes.js';
import { copyLong, LONG_COPY_BYTES } from '../transport/copy.js';

/** Above this, set wins over the loop. */
const LOOP_BYTES = 64;

export type Words = Uint8Array | Uint16Array | Int32Array;

/** A part as the copier needs it: its elements, the same memory as integer words, and their size. */
export interface CopyTarget {
  readonly view: TypedArray;
  /** Words of the element's width, at most 32 bits (the copy of a run that quads cannot take). */
  readonly words: Words;
  /** The memory as 32-bit words (quadsOf; never null for 4- and 8-byte elements). */
  readonly quads: Int32Array | null;
  readonly elementBytes: number;
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

/**
 * `array`'s memory as 32-bit words up to its last whole one, or null if it does not start on a
 * 4-byte boundary. A copy in quads starts on the grid and moves whole words, so it never needs the
 * bytes after the last one.
 */
export function quadsOf(array: TypedArray): Int32Array | null {
  const { buffer, byteOffset, byteLength } = array;
  return (byteOffset & 3) === 0 ? new Int32Array(buffer, byteOffset, byteLength >> 2) : null;
}

export class ElementCopier {
  /** The views of the caller's last array: a loop that reuses its buffer (the usual case) makes none. */
  private callerArray: TypedArray | null = null;
  private callerWords: Words = new Uint8Array(0);
  private callerQuads: Int32Array | null = null;

  /** Copy all of `data` into `part` from element `at` (same element type, range checked). */
  copyIn(part: CopyTarget, at: number, data: TypedArray): void {
    const bytes = data.length * part.elementBytes;
    if (bytes >= LONG_COPY_BYTES) return copyLong(data, part.view, at * part.elementBytes);
    if (bytes > LOOP_BYTES) return (part.view as Uint8Array).set(data as Uint8Array, at);
    this.adopt(data);
    const start = at * part.elementBytes;
    const quads = this.callerQuads;
    if (quads !== null && part.quads !== null && (start & 3) === 0) copyQuads(quads, 0, part.quads, start >> 2, quads.length);
    // 1- or 2-byte elements off the 4-byte grid: one word per element.
    else copyWords(this.callerWords, 0, part.words, at, this.callerWords.length);
  }

  /** Fill all of `into` with `part`'s elements from `at` on (same element type, range checked). */
  copyOut(part: CopyTarget, at: number, into: TypedArray): void {
    const count = into.length;
    const bytes = count * part.elementBytes;
    if (bytes >= LONG_COPY_BYTES) return copyLong(part.view.subarray(at, at + count), into, 0);
    if (bytes > LOOP_BYTES) return (into as Uint8Array).set((part.view as Uint8Array).subarray(at, at + count));
    this.adopt(into);
    const start = at * part.elementBytes;
    const quads = this.callerQuads;
    if (quads !== null && part.quads !== null && (start & 3) === 0) copyQuads(part.quads, start >> 2, quads, 0, quads.length);
    else copyWords(part.words, at, this.callerWords, 0, this.callerWords.length);
  }

  private adopt(array: TypedArray): void {
    if (array !== this.callerArray) {
      this.callerArray = array;
      this.callerWords = wordsOf(array);
      // The caller's array is copied whole: in quads only if it is whole quads.
      this.callerQuads = (array.byteLength & 3) === 0 ? quadsOf(array) : null;
    }
  }
}

/** `dst[b ..] = src[a ..]`, n 32-bit words (a loop of its own, so that it sees Int32Array only). */
function copyQuads(src: Int32Array, a: number, dst: Int32Array, b: number, n: number): void {
  for (let i = 0; i < n; i++) dst[b + i] = src[a + i]!;
}

/** `dst[b ..] = src[a ..]`, n words of the element's width. */
function copyWords(src: Words, a: number, dst: Words, b: number, n: number): void {
  for (let i = 0; i < n; i++) dst[b + i] = src[a + i]!;
}
