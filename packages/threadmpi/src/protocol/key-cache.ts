/**
 * Property names met before, by their bytes: a receiver sees the same few keys in message after
 * message, and handing V8 the very string it already used as a key skips building the string
 * and looking it up in the string table (which V8 does to every new property name).
 */
import { latin1 } from './latin1.js';

/** Keys longer than this are built each time: long keys are rare, and hashing them costs more. */
const MAX_KEY = 32;
const SLOTS = 256;

export class KeyCache {
  private readonly strings: string[] = new Array<string>(SLOTS).fill('');

  /** The string of Latin-1 bytes `b[at .. at + n)`. */
  get(b: Uint8Array, at: number, n: number): string {
    if (n > MAX_KEY) return latin1(b, at, n);
    let h = n;
    for (let i = 0; i < n; i++) h = (h * 31 + b[at + i]!) | 0;
    const slot = h & (SLOTS - 1);
    const cached = this.strings[slot]!;
    if (sameText(cached, b, at, n)) return cached;
    const s = latin1(b, at, n);
    this.strings[slot] = s;
    return s;
  }
}

function sameText(s: string, b: Uint8Array, at: number, n: number): boolean {
  if (s.length !== n) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== b[at + i]) return false;
  return true;
}
