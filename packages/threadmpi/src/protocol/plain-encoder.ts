/**
 * Encodes plain values (plain-format.ts) into a buffer it owns and reuses, so sending a small
 * object allocates nothing: the bytes are copied straight from here into the ring.
 */
import {
  FORMAT, LONG, MAX_OBJECTS, MAX_PROPERTIES, T_ARRAY, T_FALSE, T_FLOAT, T_INT, T_NULL, T_OBJECT, T_REF, T_STRING, T_TRUE,
  T_UNDEFINED,
} from './plain-format.js';

const hasOwn = Object.prototype.hasOwnProperty;
const INITIAL_BYTES = 1024;

export class PlainEncoder {
  /** The encoding of the last successful `encode`, in its first bytes; overwritten by the next one. */
  bytes = new Uint8Array(INITIAL_BYTES);
  private view = new DataView(this.bytes.buffer);
  private at = 0;
  /** Arrays and objects met so far, in order (the index a REF names): the first `objects` entries. */
  private readonly seen: object[] = new Array<object>(MAX_OBJECTS);
  private objects = 0;

  /** Encode `value`; returns its length in bytes, or -1 when it is not plain (use v8 instead). */
  encode(value: unknown): number {
    this.at = 0;
    this.objects = 0;
    this.room(1);
    this.bytes[this.at++] = FORMAT;
    const ok = this.value(value);
    // Drop the references, so the encoder does not keep the user's objects alive.
    this.seen.fill(NOTHING, 0, this.objects);
    return ok ? this.at : -1;
  }

  private value(v: unknown): boolean {
    switch (typeof v) {
      case 'number':
        return this.number(v);
      case 'string':
        this.tag(T_STRING);
        return this.text(v);
      case 'boolean':
        this.tag(v ? T_TRUE : T_FALSE);
        return true;
      case 'undefined':
        this.tag(T_UNDEFINED);
        return true;
      case 'object':
        if (v === null) {
          this.tag(T_NULL);
          return true;
        }
        return this.object(v);
      default:
        return false;
    }
  }

  private number(v: number): boolean {
    // -0 is not an int32 here: it must come back as -0.
    if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
      this.tag(T_INT);
      this.view.setInt32(this.at, v, true);
      this.at += 4;
    } else {
      this.tag(T_FLOAT);
      this.room(8);
      this.view.setFloat64(this.at, v, true);
      this.at += 8;
    }
    return true;
  }

  private object(v: object): boolean {
    const seen = this.seen;
    const n = this.objects;
    for (let i = 0; i < n; i++) {
      if (seen[i] === v) {
        this.tag(T_REF);
        this.bytes[this.at++] = i;
        return true;
      }
    }
    if (n === MAX_OBJECTS) return false;
    seen[n] = v;
    this.objects = n + 1;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto === Array.prototype) return this.array(v as unknown[]);
    if (proto === Object.prototype || proto === null) return this.record(v as Record<string, unknown>);
    return false;
  }

  private array(a: unknown[]): boolean {
    const n = a.length;
    this.tag(T_ARRAY);
    this.length(n);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      // A hole must stay a hole: leave sparse arrays to v8.
      if (x === undefined && !(i in a)) return false;
      if (!this.value(x)) return false;
    }
    return true;
  }

  private record(o: Record<string, unknown>): boolean {
    this.tag(T_OBJECT);
    const countAt = this.at++;
    let count = 0;
    for (const key in o) {
      // Structured clone copies own properties only; a `__proto__` key would set the prototype on decode.
      if (!hasOwn.call(o, key)) continue;
      if (++count > MAX_PROPERTIES || key === '__proto__' || !this.text(key) || !this.value(o[key])) return false;
    }
    this.bytes[countAt] = count;
    return true;
  }

  /** Length and Latin-1 bytes of `s`; false when it has a character above U+00FF. */
  private text(s: string): boolean {
    const n = s.length;
    this.length(n);
    this.room(n);
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) return false;
      b[at++] = c;
    }
    this.at = at;
    return true;
  }

  /** A tag byte, with room for the int32 or the one-byte count that most tags are followed by. */
  private tag(t: number): void {
    this.room(5);
    this.bytes[this.at++] = t;
  }

  private length(n: number): void {
    this.room(5);
    if (n < LONG) {
      this.bytes[this.at++] = n;
    } else {
      this.bytes[this.at++] = LONG;
      this.view.setUint32(this.at, n, true);
      this.at += 4;
    }
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.at + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** What `seen` holds where no object is (keeps the array's element kind stable). */
const NOTHING: object = {};
