/** Strings from Latin-1 bytes, the one string encoding of plain values (plain-format.ts). */

/** Up to this length, building the string in JavaScript beats the call into Buffer's native decoder. */
const SHORT_STRING = 16;
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }).latin1Slice;

/** The string whose characters are the bytes `b[at .. at + n)`. */
export function latin1(b: Uint8Array, at: number, n: number): string {
  if (n > SHORT_STRING) return latin1Slice.call(b, at, at + n);
  let s = '';
  for (let i = at; i < at + n; i++) s += String.fromCharCode(b[i]!);
  return s;
}
