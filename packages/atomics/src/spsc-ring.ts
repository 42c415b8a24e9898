/**
 * Single-producer single-consumer ring of variable-length records in shared memory.
 *
 * Layout of one ring (all offsets relative to `byteOffset`, which must be 64-byte aligned):
 *
 *   +0    tail     (Int32, written only by the producer)              -- own cache line
 *   +64   head     (Int32, written only by the consumer)              -- own cache line
 *   +128  starved  (Int32, set by the producer when it found no room) -- own cache line
 *   +192  data     (`capacity` bytes, a power of two)
 *
 * A record is an 8-byte prefix [bodyBytes: Int32, unused: Int32] followed by the body, padded to 8
 * bytes so every record (and so every body) starts 8-byte aligned: bodies can be read as Int32 or
 * Float64 views without copying. A record never wraps: when it does not fit before the end, the
 * producer writes a WRAP prefix and continues at offset 0.
 *
 * head and tail are byte offsets in [0, capacity). head === tail means empty; the producer keeps
 * 8 bytes free so that a full ring is never mistaken for an empty one.
 *
 * Ordering: the producer fills the body with plain stores and publishes with `Atomics.store(tail)`;
 * the consumer reads tail with `Atomics.load` before reading the body. Sequentially consistent
 * atomics order the plain accesses around them, so the consumer never sees a half-written record.
 *
 * Waking a producer that waits for room: a producer whose reservation fails sets `starved` and
 * then looks at head once more; a consumer that frees room reads `starved` after moving head
 * (`producerStarved()`) and wakes the producer if it is set. With sequentially consistent
 * atomics one of the two always sees the other's write, so a freed ring never leaves its
 * producer asleep.
 *
 * The hot path allocates nothing: callers get byte offsets into `bytes`/`words`, not copies.
 */
import { CACHE_LINE_BYTES, INT32_PER_LINE, alignUp, lineWords } from './layout.js';

const TAIL = 0;
const HEAD = INT32_PER_LINE;
const STARVED = 2 * INT32_PER_LINE;
const HEADER_BYTES = 192;
const PREFIX_BYTES = 8;
const WRAP = -1;

export class SpscRing {
  /** Bytes of shared memory one ring of `capacity` data bytes needs. */
  static bytesFor(capacity: number): number {
    return HEADER_BYTES + capacity;
  }

  /** The largest body that can ever be reserved in a ring of this capacity. */
  readonly maxBody: number;
  /** The ring's data bytes; record bodies live here at the offsets this class returns. */
  readonly bytes: Uint8Array;
  /** The same data as Int32 words (body offsets are 8-byte aligned, so `offset >> 2` indexes them). */
  readonly words: Int32Array;
  private readonly control: Int32Array;
  private readonly capacity: number;
  private readonly mask: number;
  /** Producer side: where the reserved record starts, and its full length. */
  private pendingAt = -1;
  private pendingLen = 0;

  constructor(buffer: SharedArrayBuffer, byteOffset: number, capacity: number) {
    if ((capacity & (capacity - 1)) !== 0 || capacity < 64) {
      throw new RangeError(`ring capacity must be a power of two >= 64, got ${capacity}`);
    }
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.control = lineWords(buffer, byteOffset, HEADER_BYTES / CACHE_LINE_BYTES, 'ring');
    this.bytes = new Uint8Array(buffer, byteOffset + HEADER_BYTES, capacity);
    this.words = new Int32Array(buffer, byteOffset + HEADER_BYTES, capacity / 4);
    // A record must fit in half the ring so that a WRAP never leaves it unable to fit at offset 0.
    this.maxBody = capacity / 2 - PREFIX_BYTES;
  }

  // ---- producer ----

  /**
   * Reserve room for a body of `bodyBytes`. Returns the body's byte offset in `bytes`, or -1 when
   * the ring has no room now (the consumer has not caught up). Call `commit()` after writing it.
   */
  tryReserve(bodyBytes: number): number {
    // `!(>= 0)` also refuses NaN; a negative length would be written as the WRAP marker.
    if (!(bodyBytes >= 0 && bodyBytes <= this.maxBody)) {
      throw new RangeError(`record of ${bodyBytes} B is outside the ring's 0..${this.maxBody} B`);
    }
    const len = PREFIX_BYTES + alignUp(bodyBytes, 8);
    const at = this.reserve(len, bodyBytes);
    if (at >= 0) {
      if (this.control[STARVED] !== 0) Atomics.store(this.control, STARVED, 0);
      return at;
    }
    // Announce the starvation, then look again: a consumer that freed room before seeing the
    // flag is caught by this second look (see the class comment).
    Atomics.store(this.control, STARVED, 1);
    return this.reserve(len, bodyBytes);
  }

  private reserve(len: number, bodyBytes: number): number {
    const tail = this.control[TAIL]!; // only we write tail
    const head = Atomics.load(this.control, HEAD);
    const used = (tail - head) & this.mask;
    const free = this.capacity - used - PREFIX_BYTES;
    const untilEnd = this.capacity - tail;
    let at = tail;
    if (len > untilEnd) {
      // Must wrap: needs the tail end (wasted) plus len at the start.
      if (untilEnd + len > free) return -1;
      this.words[tail >> 2] = WRAP;
      at = 0;
    } else if (len > free) {
      return -1;
    }
    this.words[at >> 2] = bodyBytes;
    this.pendingAt = at;
    this.pendingLen = len;
    return at + PREFIX_BYTES;
  }

  /** Publish the record reserved by the last successful `tryReserve`. */
  commit(): void {
    // Without a reservation the tail would jump to a garbage offset and corrupt the stream.
    if (this.pendingAt < 0) throw new Error('SpscRing.commit() without a successful tryReserve()');
    Atomics.store(this.control, TAIL, (this.pendingAt + this.pendingLen) & this.mask);
    this.pendingAt = -1;
  }

  // ---- consumer ----

  /** Byte offset of the oldest record's body, or -1 when the ring is empty. */
  peek(): number {
    let head = this.control[HEAD]!; // only we write head
    const tail = Atomics.load(this.control, TAIL);
    if (head === tail) return -1;
    if (this.words[head >> 2] === WRAP) {
      head = 0;
      Atomics.store(this.control, HEAD, 0);
      if (head === tail) return -1;
    }
    return head + PREFIX_BYTES;
  }

  /** Body length in bytes of the record whose body starts at `bodyOffset`. */
  bodyLength(bodyOffset: number): number {
    return this.words[(bodyOffset - PREFIX_BYTES) >> 2]!;
  }

  /** Free the oldest record (the one `peek` returned), handing its bytes back to the producer. */
  release(): void {
    const head = this.control[HEAD]!;
    const len = PREFIX_BYTES + alignUp(this.words[head >> 2]!, 8);
    Atomics.store(this.control, HEAD, (head + len) & this.mask);
  }

  /** Consumer side, after releasing: true when the producer found no room and may be waiting. */
  producerStarved(): boolean {
    return Atomics.load(this.control, STARVED) !== 0;
  }

  /** True when the consumer has nothing to read. Either side may ask. */
  isEmpty(): boolean {
    return Atomics.load(this.control, HEAD) === Atomics.load(this.control, TAIL);
  }
}
