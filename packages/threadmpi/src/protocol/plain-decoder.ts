/**
 * Decodes plain values (plain-format.ts) from wherever their bytes are, a ring included, so a
 * small message is read in place without a copy.
 */
import { mpiError } from '../errors.js';
import {
  LONG, T_ARRAY, T_FALSE, T_FLOAT, T_INT, T_NULL, T_OBJECT, T_REF, T_STRING, T_TRUE, T_UNDEFINED,
} from './plain-format.js';
import { KeyCache } from './key-cache.js';
import { latin1 } from './latin1.js';


/** Decoding never runs user code (no getters, no setters), so one decoder per thread serves every call. */
class PlainDecoder {
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private at = 0;
  /** Arrays and objects made so far, in order (the index a REF names): the first `objects` entries. */
  private readonly made: object[] = [];
  private objects = 0;
  private readonly keys = new KeyCache();

  /** The value encoded in `bytes[from + 1 .. end)` (after the FORMAT byte); `view` covers the same memory as `bytes`. */
  decode(bytes: Uint8Array, view: DataView, from: number, end: number): unknown {
    this.bytes = bytes;
    this.view = view;
    this.at = from + 1;
    this.objects = 0;
    try {
      const value = this.value();
      if (this.at !== end) throw mpiError('ERR_OTHER', `corrupt value message: ${end - this.at} bytes left over`);
      return value;
    } finally {
      this.made.fill(NOTHING, 0, this.objects);
    }
  }

  private value(): unknown {
    const tag = this.bytes[this.at++];
    switch (tag) {
      case T_UNDEFINED:
        return undefined;
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT: {
        const v = this.view.getInt32(this.at, true);
        this.at += 4;
        return v;
      }
      case T_FLOAT: {
        const v = this.view.getFloat64(this.at, true);
        this.at += 8;
        return v;
      }
      case T_STRING:
        return this.text();
      case T_ARRAY:
        return this.array();
      case T_OBJECT:
        return this.record();
      case T_REF:
        return this.made[this.bytes[this.at++]!];
      default:
        throw mpiError('ERR_OTHER', `corrupt value message: unknown tag ${String(tag)}`);
    }
  }

  private array(): unknown[] {
    const n = this.length();
    const a: unknown[] = [];
    this.made[this.objects++] = a;
    for (let i = 0; i < n; i++) a.push(this.value());
    return a;
  }

  private record(): Record<string, unknown> {
    const n = this.bytes[this.at++]!;
    const o: Record<string, unknown> = {};
    this.made[this.objects++] = o;
    for (let i = 0; i < n; i++) {
      const length = this.length();
      const key = this.keys.get(this.bytes, this.at, length);
      this.at += length;
      o[key] = this.value();
    }
    return o;
  }

  private text(): string {
    const n = this.length();
    const start = this.at;
    this.at += n;
    return latin1(this.bytes, start, n);
  }

  private length(): number {
    const n = this.bytes[this.at++]!;
    if (n < LONG) return n;
    const long = this.view.getUint32(this.at, true);
    this.at += 4;
    return long;
  }
}

/** What `made` holds where no object is (keeps the array's element kind stable). */
const NOTHING: object = {};
const decoder = new PlainDecoder();

export function decodePlain(bytes: Uint8Array, view: DataView, from: number, end: number): unknown {
  return decoder.decode(bytes, view, from, end);
}
