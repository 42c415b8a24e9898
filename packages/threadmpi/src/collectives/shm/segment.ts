/**
 * The shared segment of one communicator: the memory the shared-memory-native algorithms
 * (collectives/<collective>/shm*.ts) work in. Ranks are threads of one process, so instead of
 * sending each other messages they publish data in this segment and read each other's data
 * straight out of it, which no message-passing library can do.
 *
 * The segment is created on the communicator's first shared-memory collective: rank 0 allocates
 * it and sends it to every member as a value, which travels by reference (protocol/shared-refs.ts).
 * It is a shared WebAssembly.Memory rather than a bare SharedArrayBuffer, so that every rank can
 * run the SIMD reduction loops (ops/simd-kernels.ts) over it, on its peers' data in place. Every
 * rank then caches its handle per communicator; the memory goes when the communicator is
 * collected (it hangs off the communicator's state.ts).
 *
 *   +--------------------------------------------------+  byte 0
 *   | barrier count   : ranks arrived in this round    |  1 line
 *   | barrier sense   : flips when a round completes   |  1 line
 *   | step lines      : one per rank, written by it    |  p lines: step word, 2 inline halves, 2 marks
 *   | slots           : one per rank, written by it    |  p x 2 halves of HALF_BYTES
 *   +--------------------------------------------------+
 *
 * Every word written by one rank and polled by others has its own 64-byte line, so a rank
 * spinning on a peer's step does not slow down the writes of a third rank (false sharing). Halves
 * start on line boundaries, so every element type is aligned in them.
 *
 * A chunk of up to INLINE_BYTES is written into the writer's step line instead of its slot
 * (`half`), so a reader's poll of the step brings the data in the same line transfer. So does
 * the step's mark (`mark`), which a call may leave there for the mismatch checks.
 *
 * Steps: every shared-memory collective call reserves a number of steps (its chunks and phases)
 * from a per-communicator counter, when it starts, so every rank numbers them alike. At step s a
 * rank writes only into half (s mod 2) of its own slot and then publishes s on its step line; it
 * waits for peers' steps before reading their halves. Two rules make reuse safe:
 *   writers   before writing at step s, wait until every member has published s - 1;
 *   readers   finish reading what step t published before publishing t + 1.
 * So nobody overwrites a half that someone may still read, with no further handshakes. Calls
 * reserve steps in call order on every rank, and a call starts writing only once every earlier
 * call on this rank has finished (`ready`): a nonblocking call in flight may have published its
 * last step without reading it yet, and a later call publishing the next step would let the
 * others overwrite what it is still to read (the readers' rule, across calls).
 *
 * Counters are compared by difference, so they may wrap. Publishing is an Atomics.store after the
 * data writes and waiting an Atomics.load before the reads, which orders the data (the JS memory
 * model's synchronizes-with). Waits go through the rank's Waiter (spin, then park), so a rank
 * that publishes rings the doorbells of the members that may be parked on it. Most waits are for
 * every member to reach a step, and only the last member to get there completes them, so only a
 * publisher that sees every member there rings (all of them): one wake-up per waiter, instead of
 * one per publish, which matters when ranks outnumber cores. Of two ranks publishing at once, at
 * least one sees the other's step (both are sequentially consistent store-then-load), so the
 * last publish is never missed. A source that others wait for alone (a broadcast's root) rings
 * on every publish (`announce`).
 */
import { INT32_PER_LINE, type Doorbell } from '@threadmpi/atomics';
import { ARRAY_TYPES, ELEMENT_BYTES, type DtypeCode, type TypedArray } from '../../protocol/dtypes.js';
import '../../protocol/webassembly-types.js';
import type { CommState } from '../../runtime/comm-state.js';
import { SimdKernels, type SimdKernel } from '../ops/simd-kernels.js';
import type { TypedReduction } from '../reduction.js';
import type { WaitTarget, Waitable } from '../../transport/ops.js';
import type { Exchange, Step } from '../exchange.js';

const LINE_BYTES = INT32_PER_LINE * 4;
const WASM_PAGE_BYTES = 65536;
const BARRIER_COUNT = 0;
const BARRIER_SENSE = INT32_PER_LINE;
const STEPS = 2 * INT32_PER_LINE;

/**
 * Bytes of one half of a rank's slot: the largest piece one step moves per rank. Large enough
 * that a MiB-sized call needs few steps (each one a synchronisation, costly when ranks outnumber
 * cores: 8 ranks on 2 cores pay a round of wake-ups per step), small enough that the halves of
 * all p members stay in the shared L3. 1 MiB rather than 256 KiB: shm_sliced Allreduce at np=8,
 * 1 MiB, 4.4-5.5 -> 4.0 ms OSU average and 512 KiB 3.0-3.7 -> 2.4-2.9 ms median; np=2 and 4 MiB
 * within noise (A/B, alternating runs). A segment of 8 members is then 16 MiB of address space,
 * of which only the lines a call writes are ever touched.
 */
export const HALF_BYTES = 1024 * 1024;

/**
 * Bytes of each of the two inline halves in a step line (after the step word, 8-byte aligned for
 * every element type): a chunk this short, such as an 8-byte allreduce, travels with its step.
 */
export const INLINE_BYTES = 24;
const INLINE_AT = 8;
/** Word of a step line where mark 0 of the two is (the last 8 bytes, after the inline halves). */
const MARK_AT = (INLINE_AT + 2 * INLINE_BYTES) / 4;

export class Segment {
  readonly rank: number;
  readonly size: number;
  /** Set when the segment's memory arrived (the first call's bootstrap). */
  private memory: { words: Int32Array; bytes: Uint8Array; views: (TypedArray | undefined)[]; simd: SimdKernels | null } | null = null;
  /** Last step reserved by a call on this rank. */
  private reserved = 0;
  /** Last step of the latest call that finished on this rank (all its reads done). Calls finish in order. */
  private finished = 0;
  /** This rank's barrier sense: the value the barrier's sense word takes when the round completes. */
  private sense = 0;
  private readonly bells: readonly Doorbell[];

  constructor(readonly comm: CommState) {
    this.rank = comm.rank;
    this.size = comm.size;
    this.bells = Array.from({ length: comm.size }, (_, r) => comm.runtime.mem.doorbell(comm.worldRankOf(r)));
  }

  static bytesFor(size: number): number {
    return (2 + size) * LINE_BYTES + size * 2 * HALF_BYTES;
  }

  /** The memory of a segment for `size` members (rank 0 makes it, the bootstrap shares it). */
  static allocate(size: number): WebAssembly.Memory {
    const pages = Math.ceil(Segment.bytesFor(size) / WASM_PAGE_BYTES);
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  }

  get attached(): boolean {
    return this.memory !== null;
  }

  attach(memory: WebAssembly.Memory): void {
    const sab = memory.buffer;
    this.memory = { words: new Int32Array(sab, 0, (2 + this.size) * INT32_PER_LINE), bytes: new Uint8Array(sab), views: [], simd: SimdKernels.over(memory) };
  }

  /**
   * The SIMD loop of reduction `r`, over this segment's memory: for folding chunks that are all
   * in the segment (byte address = element index x element size). Null when there is none.
   */
  simdKernel(r: Pick<TypedReduction, 'op' | 'code'>): SimdKernel | null {
    const simd = this.memory!.simd;
    return simd === null ? null : simd.kernel(r.op.predefinedName, r.code);
  }

  /** Reserve `n` steps for a call; returns the first. Call it before the call's first yield. */
  reserve(n: number): number {
    const first = this.reserved + 1;
    this.reserved += n;
    return first;
  }

  /** No call is in flight on this rank: every reserved step belongs to a finished call. */
  get idle(): boolean {
    return this.finished === this.reserved;
  }

  /** Whether a call whose first step is `first` may start: the memory is here and every earlier call here has finished. */
  ready(first: number): boolean {
    return this.memory !== null && ((this.finished - (first - 1)) | 0) >= 0;
  }

  /** A call has finished: its last step was `last`, and it reads nothing more. */
  finish(last: number): void {
    this.finished = last;
  }

  /** The whole segment as bytes. */
  get bytes(): Uint8Array {
    return this.memory!.bytes;
  }

  /** The whole segment as elements of `code`: element index = byte offset / element size. */
  elements(code: DtypeCode): TypedArray {
    const m = this.memory!;
    let v = m.views[code];
    if (v === undefined) {
      const T = ARRAY_TYPES[code]! as unknown as new (b: ArrayBufferLike, offset: number, length: number) => TypedArray;
      m.views[code] = v = new T(m.bytes.buffer, 0, Math.floor(m.bytes.length / ELEMENT_BYTES[code]!));
    }
    return v;
  }

  /**
   * Byte offset of the half that rank r writes at step s, for a chunk of `bytes` bytes (the same
   * on every rank): a chunk of up to INLINE_BYTES rides in rank r's step line itself, so that the
   * poll that sees the step brings the data along (one line transfer instead of two); a longer
   * one goes to the half of rank r's slot.
   */
  half(r: number, s: number, bytes: number): number {
    if (bytes <= INLINE_BYTES) return (2 + r) * LINE_BYTES + INLINE_AT + (s & 1) * INLINE_BYTES;
    return (2 + this.size) * LINE_BYTES + (2 * r + (s & 1)) * HALF_BYTES;
  }

  /**
   * Publish step s: this rank's writes of step s are in place (and its reads before s are done).
   * Wakes the members when this completes the step for everyone (see the module comment).
   */
  publish(s: number): void {
    Atomics.store(this.memory!.words, STEPS + this.rank * INT32_PER_LINE, s);
    if (this.allReached(s)) this.ringOthers();
  }

  /**
   * Leave `mark` (collective-ledger.ts recordCollective) for step s in this rank's step line,
   * before publishing s (or arriving at the barrier): the members that read this rank's step see
   * which call it is in at no extra cost. Two marks alternate by step, as the halves do.
   */
  mark(s: number, mark: number): void {
    this.memory!.words[STEPS + this.rank * INT32_PER_LINE + MARK_AT + (s & 1)] = mark;
  }

  /** Whether every member left `mark` for step s. Ask only once every member has published s (or left the barrier round). */
  allMarked(s: number, mark: number): boolean {
    const words = this.memory!.words;
    const at = STEPS + MARK_AT + (s & 1);
    for (let r = 0; r < this.size; r++) if (words[at + r * INT32_PER_LINE] !== mark) return false;
    return true;
  }

  /** Publish step s and wake every member: for a rank that others wait for on its own. */
  announce(s: number): void {
    Atomics.store(this.memory!.words, STEPS + this.rank * INT32_PER_LINE, s);
    this.ringOthers();
  }

  private ringOthers(): void {
    for (let r = 0; r < this.size; r++) if (r !== this.rank) this.bells[r]!.ring();
  }

  /** Whether rank r has published step s (or a later one). */
  reached(r: number, s: number): boolean {
    return ((Atomics.load(this.memory!.words, STEPS + r * INT32_PER_LINE) - s) | 0) >= 0;
  }

  allReached(s: number): boolean {
    for (let r = 0; r < this.size; r++) if (!this.reached(r, s)) return false;
    return true;
  }

  /** What to yield to wait until every member (or only `rank`) has published step s. */
  waitFor(s: number, call: string, rank = -1): Step {
    return new StepWait(this, s, rank, call);
  }

  /**
   * The sense-reversing barrier of the segment: count arrivals in one word; the last to arrive
   * resets the count and flips the sense word, which releases the others. A rank's own sense
   * alternates, so a fast rank entering the next round cannot mistake the previous release for
   * its own. Returns the wait, or null when this rank was the last to arrive.
   */
  arrive(call: string): Step | null {
    return this.arriveLast() ? null : new SenseWait(this, call);
  }

  /** Arrive at the barrier; true when this rank was the last (and released the others). */
  arriveLast(): boolean {
    const w = this.memory!.words;
    this.sense ^= 1;
    if (Atomics.add(w, BARRIER_COUNT, 1) !== this.size - 1) return false;
    // Reset before releasing: released ranks may arrive at the next round at once.
    Atomics.store(w, BARRIER_COUNT, 0);
    Atomics.store(w, BARRIER_SENSE, this.sense);
    this.ringOthers();
    return true;
  }

  /** Whether the barrier round this rank arrived at last has completed. */
  released(): boolean {
    return Atomics.load(this.memory!.words, BARRIER_SENSE) === this.sense;
  }

  /** Members other than this rank, as world ranks: any may be the one a barrier waits for (it does not record who arrived). */
  othersOfBarrier(): number[] {
    return Array.from(this.comm.group).filter((w) => w !== this.comm.runtime.rank);
  }

  /** World ranks of the members that have not published step s (for deadlock reports). */
  lateFor(s: number, rank: number): number[] {
    const late: number[] = [];
    for (let r = 0; r < this.size; r++) if ((rank < 0 || r === rank) && !this.reached(r, s)) late.push(this.comm.worldRankOf(r));
    return late;
  }
}

class StepWait implements Waitable {
  constructor(private readonly seg: Segment, private readonly step: number, private readonly rank: number, private readonly call: string) {}

  isComplete(): boolean {
    return this.rank < 0 ? this.seg.allReached(this.step) : this.seg.reached(this.rank, this.step);
  }

  describe(): string {
    return `${this.call} (shared memory, step ${this.step})`;
  }

  waitTarget(): WaitTarget {
    return { kind: 'rank', ranks: this.seg.lateFor(this.step, this.rank) };
  }
}

class SenseWait implements Waitable {
  constructor(private readonly seg: Segment, private readonly call: string) {}

  isComplete(): boolean {
    return this.seg.released();
  }

  describe(): string {
    return `${this.call} (shared-memory barrier)`;
  }

  waitTarget(): WaitTarget {
    return { kind: 'rank', ranks: this.seg.othersOfBarrier() };
  }
}

/** A call waiting for the earlier calls on this rank to finish (nonblocking ones still in flight). */
class EarlierCalls implements Waitable {
  constructor(private readonly seg: Segment, private readonly first: number, private readonly call: string) {}

  isComplete(): boolean {
    return this.seg.ready(this.first);
  }

  describe(): string {
    return `${this.call} (shared memory, after an earlier collective still in flight)`;
  }

  waitTarget(): WaitTarget {
    return { kind: 'rank', ranks: this.seg.lateFor(this.first - 1, -1) };
  }
}

/** A call that found the bootstrap in flight (nonblocking calls started back to back) waits for it. */
class AttachWait implements Waitable {
  constructor(private readonly seg: Segment, private readonly call: string) {}

  isComplete(): boolean {
    return this.seg.attached;
  }

  describe(): string {
    return `${this.call} (waiting for the shared segment)`;
  }

  waitTarget(): WaitTarget {
    return { kind: 'rank', ranks: [this.seg.comm.worldRankOf(0)] };
  }
}

/**
 * The communicator's segment, for a call that is about to reserve steps. Synchronous, so that
 * calls reserve in call order; the memory itself may arrive later (see `attached`).
 */
export function segmentOf(c: Exchange): Segment {
  return (c.state.segment ??= new Segment(c.comm));
}

/**
 * What a call whose first step is `first` does before it touches the segment, unless `seg.ready(first)`:
 * get the memory (the first call on a communicator does the bootstrap: rank 0 allocates and sends
 * it to the others on this call's tag; calls started while it is in flight wait for it), then wait
 * for the earlier calls on this rank to finish.
 */
export function* whenReady(c: Exchange, seg: Segment, first: number): Generator<Step, void, void> {
  yield* attached(c, seg);
  if (!seg.ready(first)) yield new EarlierCalls(seg, first, c.call);
}

function* attached(c: Exchange, seg: Segment): Generator<Step, void, void> {
  if (seg.attached) return;
  if (c.state.bootstrapped) {
    yield new AttachWait(seg, c.call);
    return;
  }
  c.state.bootstrapped = true;
  if (c.rank === 0) {
    const memory = Segment.allocate(c.size);
    seg.attach(memory);
    const sends = [];
    for (let r = 1; r < c.size; r++) sends.push(c.sendShared(r, memory));
    if (sends.length > 0) yield c.all(...sends);
    return;
  }
  const op = c.recvValue(0);
  yield op;
  seg.attach(op.value as WebAssembly.Memory);
}
