/**
 * SpscRing in one thread, model-based: fast-check drives random interleavings of
 * tryReserve/commit/peek/release with random record sizes, against a queue model of what must be in
 * the ring. Each step checks the ring against the model.
 */
import fc from 'fast-check';
import { SpscRing, alignUp } from '../src/index.js';

const PREFIX_BYTES = 8;
/** Bytes around the ring that it must never write. */
const GUARD_BYTES = 64;
const GUARD_VALUE = 0xa5;

interface RecordInRing {
  /** Body offset returned by tryReserve. */
  readonly at: number;
  readonly size: number;
  /** Selects the body's byte pattern, so records differ in content, not only in length. */
  readonly seed: number;
}

interface Model {
  readonly capacity: number;
  /** Committed, not yet released records, oldest first. */
  readonly queue: RecordInRing[];
  pending: RecordInRing | null;
  /** Whether peek was called since the last release (release frees the record peek returned). */
  peeked: boolean;
}

type RingCommand = fc.Command<Model, SpscRing>;

function patternByte(record: RecordInRing, i: number): number {
  return (record.seed + i * 31) & 0xff;
}

/** Index of the first body byte that differs from what was written, or -1. */
function firstWrongByte(ring: SpscRing, record: RecordInRing): number {
  for (let i = 0; i < record.size; i++) if (ring.bytes[record.at + i] !== patternByte(record, i)) return i;
  return -1;
}

/** Byte range [start, end) a record takes in the ring: its prefix plus its body, padded to a cache line. */
function span(record: RecordInRing): [number, number] {
  const start = record.at - PREFIX_BYTES;
  return [start, start + alignUp(PREFIX_BYTES + record.size, 64)];
}

class Reserve implements RingCommand {
  constructor(
    readonly size: number,
    readonly seed: number,
  ) {}
  check(model: Readonly<Model>): boolean {
    return model.pending === null;
  }
  run(model: Model, ring: SpscRing): void {
    const at = ring.tryReserve(this.size);
    if (at === -1) {
      // Refusing is fine when the consumer is behind, never when the ring is empty: maxBody is
      // chosen so that any record fits in an empty ring wherever its head is.
      expect(model.queue.length).toBeGreaterThan(0);
      return;
    }
    const record = { at, size: this.size, seed: this.seed };
    const [start, end] = span(record);
    expect((at - PREFIX_BYTES) % 64).toBe(0);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeLessThanOrEqual(model.capacity);
    // Room that is not there would overlap a record the consumer has not released yet.
    const overlapped = model.queue.find((live) => {
      const [liveStart, liveEnd] = span(live);
      return end > liveStart && start < liveEnd;
    });
    expect(overlapped).toBeUndefined();
    for (let i = 0; i < this.size; i++) ring.bytes[at + i] = patternByte(record, i);
    model.pending = record;
  }
  toString(): string {
    return `reserve(${this.size})`;
  }
}

class Commit implements RingCommand {
  check(model: Readonly<Model>): boolean {
    return model.pending !== null;
  }
  run(model: Model, ring: SpscRing): void {
    ring.commit();
    model.queue.push(model.pending!);
    model.pending = null;
  }
  toString(): string {
    return 'commit';
  }
}

class Peek implements RingCommand {
  check(): boolean {
    return true;
  }
  run(model: Model, ring: SpscRing): void {
    const at = ring.peek();
    expect(ring.isEmpty()).toBe(model.queue.length === 0);
    const oldest = model.queue[0];
    if (oldest === undefined) {
      expect(at).toBe(-1);
      return;
    }
    expect(at).toBe(oldest.at);
    expect(ring.bodyLength(at)).toBe(oldest.size);
    expect(firstWrongByte(ring, oldest)).toBe(-1);
    model.peeked = true;
  }
  toString(): string {
    return 'peek';
  }
}

class Release implements RingCommand {
  check(model: Readonly<Model>): boolean {
    return model.peeked && model.queue.length > 0;
  }
  run(model: Model, ring: SpscRing): void {
    ring.release();
    model.queue.shift();
    model.peeked = false;
  }
  toString(): string {
    return 'release';
  }
}

// Small rings wrap every few records, which is where the bugs live.
const scenarios = fc.constantFrom(128, 256, 512).chain((capacity) => {
  const maxBody = capacity / 2 - PREFIX_BYTES;
  // Sizes at the edges (empty, largest) find off-by-one errors in the wrap logic.
  const size = fc.oneof(fc.integer({ min: 0, max: maxBody }), fc.constantFrom(0, 1, 8, maxBody - 1, maxBody));
  const reserve = fc.tuple(size, fc.nat(255)).map(([bytes, seed]) => new Reserve(bytes, seed));
  const commit = fc.constant(new Commit());
  // fc.commands picks uniformly among its arbitraries: listing the producer's twice keeps the ring
  // mostly non-empty, so reservations must wrap and squeeze past records not yet released.
  const commands = fc.commands<Model, SpscRing>(
    [reserve, reserve, commit, commit, fc.constant(new Peek()), fc.constant(new Release())],
    { maxCommands: 300, size: 'max' },
  );
  return fc.record({ capacity: fc.constant(capacity), commands });
});

test('any interleaving of reserve/commit/peek/release keeps records in order, intact and in bounds', () => {
  fc.assert(
    fc.property(scenarios, ({ capacity, commands }) => {
      const buffer = new SharedArrayBuffer(GUARD_BYTES + SpscRing.bytesFor(capacity) + GUARD_BYTES);
      const all = new Uint8Array(buffer);
      all.fill(GUARD_VALUE);
      const ring = new SpscRing(buffer, GUARD_BYTES, capacity);
      new Uint8Array(buffer, GUARD_BYTES, SpscRing.bytesFor(capacity)).fill(0);

      fc.modelRun(() => ({ model: { capacity, queue: [], pending: null, peeked: false }, real: ring }), commands);

      const guards = [...all.subarray(0, GUARD_BYTES), ...all.subarray(all.length - GUARD_BYTES)];
      expect(guards.every((b) => b === GUARD_VALUE)).toBe(true);
    }),
    { numRuns: 150 },
  );
});

describe('SpscRing misuse', () => {
  const capacity = 128;
  const makeRing = () => new SpscRing(new SharedArrayBuffer(SpscRing.bytesFor(capacity)), 0, capacity);

  test('a body larger than maxBody, negative or NaN is refused', () => {
    const ring = makeRing();
    expect(ring.maxBody).toBe(capacity / 2 - PREFIX_BYTES);
    for (const size of [ring.maxBody + 1, -1, Number.NaN]) expect(() => ring.tryReserve(size)).toThrow(RangeError);
    expect(ring.isEmpty()).toBe(true);
  });

  test('commit without a reservation throws and publishes nothing', () => {
    const ring = makeRing();
    expect(() => ring.commit()).toThrow(/without a successful tryReserve/);
    expect(ring.isEmpty()).toBe(true);
    ring.tryReserve(4);
    ring.commit();
    expect(() => ring.commit()).toThrow(/without a successful tryReserve/);
    ring.peek();
    ring.release();
    expect(ring.isEmpty()).toBe(true);
  });

  test('bad capacity or misaligned offset is refused', () => {
    const buffer = new SharedArrayBuffer(4096);
    expect(() => new SpscRing(buffer, 0, 100)).toThrow(/power of two/);
    expect(() => new SpscRing(buffer, 0, 64)).toThrow(/power of two/);
    expect(() => new SpscRing(buffer, 8, 128)).toThrow(/aligned/);
  });
});
