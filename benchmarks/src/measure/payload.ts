/** The messages benchmarks send, built once before a timing loop. */

/** A byte buffer written once, so first-touch page faults stay out of the timed loop (as OSU does). */
export function filledBytes(size: number): Uint8Array {
  return new Uint8Array(size).fill(0x61);
}

/** The small object of the value-message benchmarks: `entries` is how many `{k, v}` pairs `data` holds. */
export interface ValueMessage {
  readonly from: number;
  readonly tag: number;
  readonly data: ReadonlyArray<{ readonly k: string; readonly v: number }>;
}

export function valueMessage(from: number, tag: number, entries: number): ValueMessage {
  return { from, tag, data: Array.from({ length: entries }, (_, i) => ({ k: `key${i}`, v: i })) };
}

/** What a baseline sends: raw bytes of the step's size, or a value message with that many entries. */
export type PayloadKind = 'bytes' | 'value';

export function makePayload(kind: PayloadKind, size: number): Uint8Array | ValueMessage {
  return kind === 'bytes' ? filledBytes(size) : valueMessage(0, 1, size);
}
