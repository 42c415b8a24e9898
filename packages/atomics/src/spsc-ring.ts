/**
 * Single-producer single-consumer ring of variable-length records in shared memory.
 *
 * Layout of one ring (all offsets relative to `byteOffset`, which must be 64-byte aligned):
 *
 *   +0    tail     (Int32, written and read only by the producer)     -- own cache line
 *   +64   head     (Int32, written only by the consumer)              -- own cache line
 *   +128  starved  (Int32, set by the producer when it found no room) -- own cache line
 *   +192  data     (`capacity` bytes, a power of two)
 *
 * A record starts on a cache line with an 8-byte prefix [state: Int32, unused: Int32] followed by
 * its body, so every body is 8-byte aligned (it can be read as Int32 or Float64 views without
 * copying) and a small record is a single line. A record never wraps: when it does not fit before
 * the end, the producer puts it at offset 0 and leaves a WRAP prefix where it would have started.
 *
 * The prefix is the publication flag (as in Lamport's and FastForward's queues): 0 means "not
 * written yet", n > 0 a record of n - 1 body bytes, -1 WRAP. The consumer polls the prefix at its
 * head, so a waiting consumer touches only the line the next record will land on, and one line
 * transfer brings it both the news and a small record. Before publishing a record, the producer
 * zeroes the prefix position right after it (free space: the producer always leaves room there),
 * so the consumer stops at the end of what was written and never reads a stale prefix of an
 * earlier lap.
 *
 * Ordering: the producer fills the body and the next position's zero with plain stores and
 * publishes with `Atomics.store` of the prefix (the WRAP prefix last of all); the consumer reads
 * a prefix it found there with `Atomics.load` before reading the body (its poll of an empty ring
 * is a plain load, see `peek`). Sequentially consistent atomics order the plain accesses around
 * them, so the consumer never sees a half-written record.
 *
 * The producer reads `head` only when the head it saw last does not leave room: in a steady flow
 * it rarely has to fetch the consumer's line.
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
const EMPTY = 0;
const WRAP = -1;
const MIN_CAPACITY = 2 * CACHE_LINE_BYTES;

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
  /** Producer side: the head seen last; the real head is never behind it. */
  private seenHead: number;
  /** Producer side: the reserved record (start, length, body bytes) and where a WRAP goes (-1: none). */
  private pendingAt = -1;
  private pendingLen = 0;
  private pendingBody = 0;
  private pendingWrapAt = -1;

  constructor(buffer: SharedArrayBuffer, byteOffset: number, capacity: number) {
    if ((capacity & (capacity - 1)) !== 0 || capacity < MIN_CAPACITY) {
      throw new RangeError(`ring capacity must be a power of two >= ${MIN_CAPACITY}, got ${capacity}`);
    }
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.control = lineWords(buffer, byteOffset, HEADER_BYTES / CACHE_LINE_BYTES, 'ring');
    this.bytes = new Uint8Array(buffer, byteOffset + HEADER_BYTES, capacity);
    this.words = new Int32Array(buffer, byteOffset + HEADER_BYTES, capacity / 4);
    // A record must fit in half the ring so that a WRAP never leaves it unable to fit at offset 0.
    this.maxBody = capacity / 2 - PREFIX_BYTES;
    this.seenHead = Atomics.load(this.control, HEAD);
  }

  // ---- producer ----

  /**
   * Reserve room for a body of `bodyBytes`. Returns the body's byte offset in `bytes`, or -1 when
   * the ring has no room now (the consumer has not caught up). Call `commit()` after writing it.
   */
  tryReserve(bodyBytes: number): number {
    // `!(>= 0)` also refuses NaN.
    if (!(bodyBytes >= 0 && bodyBytes <= this.maxBody)) {
      throw new RangeError(`record of ${bodyBytes} B is outside the ring's 0..${this.maxBody} B`);
    }
    const len = alignUp(PREFIX_BYTES + bodyBytes, CACHE_LINE_BYTES);
    let at = this.place(len, bodyBytes);
    if (at < 0) {
      this.seenHead = Atomics.load(this.control, HEAD);
      at = this.place(len, bodyBytes);
    }
    if (at >= 0) {
      if (this.control[STARVED] !== 0) Atomics.store(this.control, STARVED, 0);
      return at;
    }
    // Announce the starvation, then look again: a consumer that freed room before seeing the
    // flag is caught by this second look (see the class comment).
    Atomics.store(this.control, STARVED, 1);
    this.seenHead = Atomics.load(this.control, HEAD);
    return this.place(len, bodyBytes);
  }

  /** Find room for a record of `len` bytes against the head seen last; -1 when there is none. */
  private place(len: number, bodyBytes: number): number {
    const tail = this.control[TAIL]!; // only we write tail
    const free = this.capacity - ((tail - this.seenHead) & this.mask);
    // Strictly less than free: the line after the record must stay free for the next prefix's
    // zero, which also keeps a full ring from looking empty (tail === head).
    const untilEnd = this.capacity - tail;
    let at = tail;
    let wrapAt = -1;
    if (len > untilEnd) {
      // Must wrap: needs the tail end (wasted) plus len at the start.
      if (untilEnd + len >= free) return -1;
      wrapAt = tail;
      at = 0;
    } else if (len >= free) {
      return -1;
    }
    this.pendingAt = at;
    this.pendingLen = len;
    this.pendingBody = bodyBytes;
    this.pendingWrapAt = wrapAt;
    return at + PREFIX_BYTES;
  }

  /** Publish the record reserved by the last successful `tryReserve`. */
  commit(): void {
    const at = this.pendingAt;
    // Without a reservation the tail would jump to a garbage offset and corrupt the stream.
    if (at < 0) throw new Error('SpscRing.commit() without a successful tryReserve()');
    const next = (at + this.pendingLen) & this.mask;
    this.words[next >> 2] = EMPTY;
    Atomics.store(this.words, at >> 2, this.pendingBody + 1);
    // Last: the consumer polls where the WRAP goes, and must find the record at 0 complete.
    if (this.pendingWrapAt >= 0) Atomics.store(this.words, this.pendingWrapAt >> 2, WRAP);
    this.control[TAIL] = next;
    this.pendingAt = -1;
  }

  // ---- consumer ----

  /** Byte offset of the oldest record's body, or -1 when the ring is empty. */
  peek(): number {
    let head = this.control[HEAD]!; // only we write head
    // A plain load first: most polls find the ring empty, and Atomics.load is a builtin call (some
    // 9 ns on Node 20) where a plain load is one instruction. A stale EMPTY only means another
    // poll; a prefix that is there is read again with Atomics.load, which orders the body's reads
    // after the producer's writes.
    if (this.words[head >> 2] === EMPTY) return -1;
    let state = Atomics.load(this.words, head >> 2);
    if (state === WRAP) {
      head = 0;
      Atomics.store(this.control, HEAD, 0);
      state = Atomics.load(this.words, 0);
    }
    return state === EMPTY ? -1 : head + PREFIX_BYTES;
  }

  /** Body length in bytes of the record whose body starts at `bodyOffset`. */
  bodyLength(bodyOffset: number): number {
    return this.words[(bodyOffset - PREFIX_BYTES) >> 2]! - 1;
  }

  /** Free the oldest record (the one `peek` returned), handing its bytes back to the producer. */
  release(): void {
    const head = this.control[HEAD]!;
    const len = alignUp(PREFIX_BYTES + this.words[head >> 2]! - 1, CACHE_LINE_BYTES);
    Atomics.store(this.control, HEAD, (head + len) & this.mask);
  }

  /** Consumer side, after releasing: true when the producer found no room and may be waiting. */
  producerStarved(): boolean {
    return Atomics.load(this.control, STARVED) !== 0;
  }

  /** True when no published record waits to be read. Either side may ask. */
  isEmpty(): boolean {
    const head = Atomics.load(this.control, HEAD);
    // A WRAP is published after the record it points to, so it never means empty.
    return Atomics.load(this.words, head >> 2) === EMPTY;
  }
}
