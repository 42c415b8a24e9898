/**
 * The progress engine of one rank: matching, the eager and rendezvous protocols, and the queues
 * of operations in flight. It is the narrow transport under Comm (post a send, post a receive,
 * probe, make progress), so another backend could stand behind the same Comm later.
 *
 * Protocols (record kinds in envelope.ts), for a message from s to d:
 *   eager       s writes EAGER (header + payload) into ring(s -> d); done. With ssend, s waits for
 *               d's ACK, written when d matches the message.
 *   rendezvous  (payload above the eager limit, or eager limit 0) s writes RTS; d answers CTS when
 *               it matches; s then streams CHUNK records while d copies them out, both in their
 *               progress loops, so the two copies overlap (one copy's time on two cores).
 *
 * Matching follows MPI: an arriving message goes to the oldest posted receive that matches it,
 * otherwise to the unexpected queue; a new receive first searches the unexpected queue in arrival
 * order. Each ring is FIFO, so two messages from one sender are matched in the order sent
 * (non-overtaking) without sequence checks.
 *
 * Progress happens only inside MPI calls (as in MPI without a progress thread): every wait loop
 * calls `progress()`, which drains every incoming ring and writes what is queued outgoing.
 */
import type { Doorbell, SpscRing } from '@threadmpi/atomics';
import { mpiError } from '../errors.js';
import { ARRAY_TYPES, DtypeCode, dtypeName, ELEMENT_BYTES, isValueCode } from '../protocol/dtypes.js';
import type { BufferChannel } from './buffer-channel.js';
import { decodeValueAt } from '../protocol/values.js';
import {
  ACK, CHUNK, CTS, CTS_DISCARD, EAGER, FLAG_DIRECT, FLAG_SYNC, HEADER_BYTES, KIND_MASK, RTS,
  W_AUX, W_BYTES, W_CTX, W_DTYPE, W_KIND, W_OFFSET, W_SEQ, W_TAG,
} from './envelope.js';
import type { JobMemory } from './layout.js';
import { RecvMode, RecvOp, SendOp, SendPhase, type Unexpected } from './ops.js';
import { copyBytes, removeAt } from './copy.js';
import { ANY_SOURCE, ANY_TAG } from '../constants.js';

/** A control record waiting for room in a full ring. */
interface QueuedControl {
  kind: typeof ACK | typeof CTS;
  seq: number;
  aux: number;
}
type Outgoing = SendOp | QueuedControl;

/** Largest CHUNK payload: big enough to amortise the header, small enough to stay in cache. */
const MAX_CHUNK = 64 * 1024;
/** Records drained from one ring per progress call, so one busy sender cannot starve the rest. */
const DRAIN_BUDGET = 64;

const NO_BYTES = new Uint8Array(0);

export interface EngineOptions {
  /** Messages up to this many bytes go eagerly; 0 makes every standard send synchronous. */
  eagerLimit: number;
}

export class Engine {
  readonly size: number;
  private readonly inRings: SpscRing[] = [];
  /** DataViews over the incoming rings' data, so values are decoded in place. */
  private readonly inViews: DataView[] = [];
  private readonly outRings: SpscRing[] = [];
  private readonly bells: Doorbell[] = [];
  private readonly nextSeq: Int32Array;
  private readonly unexpected: Unexpected[] = [];
  private readonly posted: RecvOp[] = [];
  private readonly outQueue: Outgoing[][] = [];
  private readonly streaming: SendOp[][] = [];
  private readonly awaiting: SendOp[][] = [];
  private readonly rendezvousIn: RecvOp[][] = [];
  /** Operations queued or streaming, over all destinations: lets progress() skip the send side. */
  private pendingOut = 0;
  private readonly eagerLimit: number;
  private readonly chunkBytes: number;
  /** Work that moves on whenever the engine does: nonblocking collectives in flight (collectives/run.ts). */
  readonly pollers: Array<() => boolean> = [];

  constructor(mem: JobMemory, readonly rank: number, options: EngineOptions, private readonly channel: BufferChannel) {
    this.size = mem.shape.size;
    for (let r = 0; r < this.size; r++) {
      const inRing = mem.ring(r, rank);
      this.inRings.push(inRing);
      this.inViews.push(new DataView(inRing.bytes.buffer, inRing.bytes.byteOffset, inRing.bytes.byteLength));
      this.outRings.push(mem.ring(rank, r));
      this.bells.push(mem.doorbell(r));
      this.outQueue.push([]);
      this.streaming.push([]);
      this.awaiting.push([]);
      this.rendezvousIn.push([]);
    }
    this.nextSeq = new Int32Array(this.size);
    const maxBody = this.outRings[0]!.maxBody;
    this.eagerLimit = Math.min(options.eagerLimit, maxBody - HEADER_BYTES);
    this.chunkBytes = Math.min(MAX_CHUNK, (maxBody - HEADER_BYTES) & ~7);
  }

  /** This rank's doorbell: rung by every record written to it. */
  get doorbell(): Doorbell {
    return this.bells[this.rank]!;
  }

  // ------------------------------------------------------------------ sending

  startSend(op: SendOp): void {
    op.seq = ++this.nextSeq[op.dest]!;
    op.rendezvous = this.eagerLimit <= 0 || op.bytes > this.eagerLimit;
    if (op.rendezvous && op.bytes > 0 && op.buffers === null && !op.borrowed) {
      // Only here: reading a typed array's `buffer` costs some 15 ns on Node 20, half an eager send.
      const payloadBuffer = op.payload.buffer;
      // W_OFFSET is an Int32: payloads beyond 2 GiB into their buffer take the two-copy path.
      if (payloadBuffer instanceof SharedArrayBuffer && op.payload.byteOffset <= 0x7fffffff) {
        op.direct = true;
        op.buffers = [payloadBuffer];
      }
    }
    const queue = this.outQueue[op.dest]!;
    if (queue.length === 0 && this.writeHead(op)) {
      // The payload is still needed after this call only by a rendezvous (for its chunks).
      if (op.borrowed && op.rendezvous) this.keepPayload(op);
      return;
    }
    if (op.borrowed) this.keepPayload(op);
    op.phase = SendPhase.QUEUED;
    queue.push(op);
    this.pendingOut++;
  }

  /** Copy a borrowed payload that the engine must hold on to past the sending call. */
  private keepPayload(op: SendOp): void {
    op.payload = op.payload.slice(0, op.bytes);
    op.borrowed = false;
  }

  /** Write an EAGER or RTS record for `op`; false when the ring has no room yet. */
  private writeHead(op: SendOp): boolean {
    const ring = this.outRings[op.dest]!;
    const eager = !op.rendezvous;
    const at = ring.tryReserve(HEADER_BYTES + (eager ? op.bytes : 0));
    if (at < 0) return false;
    if (op.buffers !== null) this.channel.post(op.dest, op.seq, op.buffers);
    const w = ring.words;
    const i = at >> 2;
    w[i + W_KIND] = eager ? (op.sync ? EAGER | FLAG_SYNC : EAGER) : op.direct ? RTS | FLAG_DIRECT : RTS;
    w[i + W_CTX] = op.ctx;
    w[i + W_TAG] = op.tag;
    w[i + W_SEQ] = op.seq;
    w[i + W_BYTES] = op.bytes;
    w[i + W_DTYPE] = op.dtype;
    w[i + W_OFFSET] = op.direct ? op.payload.byteOffset : 0;
    if (eager) copyBytes(op.payload, 0, ring.bytes, at + HEADER_BYTES, op.bytes);
    ring.commit();
    this.bells[op.dest]!.ring();
    if (eager && !op.sync) {
      op.phase = SendPhase.DONE;
      op.done = true;
    } else {
      op.phase = eager ? SendPhase.AWAIT_ACK : SendPhase.AWAIT_CTS;
      this.awaiting[op.dest]!.push(op);
    }
    return true;
  }

  private sendControl(dest: number, kind: typeof ACK | typeof CTS, seq: number, aux: number): void {
    const queue = this.outQueue[dest]!;
    if (queue.length === 0 && this.writeControl(dest, kind, seq, aux)) return;
    queue.push({ kind, seq, aux });
    this.pendingOut++;
  }

  private writeControl(dest: number, kind: number, seq: number, aux: number): boolean {
    const ring = this.outRings[dest]!;
    const at = ring.tryReserve(HEADER_BYTES);
    if (at < 0) return false;
    const w = ring.words;
    const i = at >> 2;
    w[i + W_KIND] = kind;
    w[i + W_SEQ] = seq;
    w[i + W_AUX] = aux;
    ring.commit();
    this.bells[dest]!.ring();
    return true;
  }

  /** Write what waits in the outgoing queues and stream chunks of cleared rendezvous sends. */
  private flushOutgoing(): boolean {
    let did = false;
    for (let d = 0; d < this.size; d++) {
      const queue = this.outQueue[d]!;
      while (queue.length > 0) {
        const item = queue[0]!;
        const written = item instanceof SendOp ? this.writeHead(item) : this.writeControl(d, item.kind, item.seq, item.aux);
        if (!written) break;
        queue.shift();
        this.pendingOut--;
        did = true;
      }
      if (queue.length === 0) did = this.streamChunks(d) || did;
    }
    return did;
  }

  /**
   * Write as many chunks to `dest` as its ring has room for. Each chunk is published on its own (a
   * spinning receiver copies it out at once). The doorbell is rung after the first chunk of a
   * batch, so a parked receiver starts copying while the rest is written, and after the last; not
   * after every chunk, which would cost a futex wake per chunk while a woken receiver gets going.
   */
  private streamChunks(dest: number): boolean {
    const list = this.streaming[dest]!;
    const ring = this.outRings[dest]!;
    let did = false;
    while (list.length > 0) {
      const op = list[0]!;
      const total = op.bytes;
      while (op.sent < total) {
        const n = Math.min(this.chunkBytes, total - op.sent);
        const at = ring.tryReserve(HEADER_BYTES + n);
        if (at < 0) {
          if (did) this.bells[dest]!.ring();
          return did;
        }
        const w = ring.words;
        const i = at >> 2;
        w[i + W_KIND] = CHUNK;
        w[i + W_SEQ] = op.seq;
        w[i + W_BYTES] = n;
        w[i + W_OFFSET] = op.sent;
        copyBytes(op.payload, op.sent, ring.bytes, at + HEADER_BYTES, n);
        ring.commit();
        op.sent += n;
        if (!did) this.bells[dest]!.ring();
        did = true;
      }
      list.shift();
      this.pendingOut--;
      op.phase = SendPhase.DONE;
      op.done = true;
    }
    if (did) this.bells[dest]!.ring();
    return did;
  }

  // ---------------------------------------------------------------- receiving

  /** Match `op` against the unexpected queue, or post it for later arrivals. */
  postRecv(op: RecvOp): void {
    const k = this.findUnexpected(op.source, op.tag, op.ctx);
    if (k < 0) {
      this.posted.push(op);
      return;
    }
    const msg = removeAt(this.unexpected, k);
    if (msg.kind === EAGER) {
      this.deliver(op, msg.src, msg.seq, msg.tag, msg.bytes, msg.dtype, msg.payload!, null, 0);
      if (msg.sync) this.sendControl(msg.src, ACK, msg.seq, 0);
    } else {
      this.startRendezvous(op, msg.src, msg.tag, msg.seq, msg.bytes, msg.dtype, msg.directOffset);
    }
  }

  /** Withdraw a posted, unmatched receive. Returns false when it already matched. */
  cancelRecv(op: RecvOp): boolean {
    const k = this.posted.indexOf(op);
    if (k < 0) return false;
    removeAt(this.posted, k);
    op.cancelled = true;
    op.done = true;
    return true;
  }

  /** The oldest unexpected message matching (source, tag, ctx), without consuming it. */
  peekUnexpected(source: number, tag: number, ctx: number): Unexpected | null {
    const k = this.findUnexpected(source, tag, ctx);
    return k < 0 ? null : this.unexpected[k]!;
  }

  private findUnexpected(source: number, tag: number, ctx: number): number {
    const list = this.unexpected;
    for (let k = 0; k < list.length; k++) {
      const m = list[k]!;
      if (m.ctx === ctx && (source === ANY_SOURCE || source === m.src) && (tag === ANY_TAG || tag === m.tag)) return k;
    }
    return -1;
  }

  private takePosted(src: number, tag: number, ctx: number): RecvOp | null {
    const list = this.posted;
    for (let k = 0; k < list.length; k++) {
      const op = list[k]!;
      if (op.ctx === ctx && (op.source === ANY_SOURCE || op.source === src) && (op.tag === ANY_TAG || op.tag === tag)) {
        return removeAt(list, k);
      }
    }
    return null;
  }

  /**
   * Check a matched message against the receive; null when it may be received, otherwise the
   * error the receiver gets (the message is consumed either way, as MPI does).
   */
  private incompatibility(op: RecvOp, bytes: number, dtype: number): string | null {
    if (op.mode === RecvMode.VALUE) return null;
    if (isValueCode(dtype)) {
      return `ERR_TYPE:${op.describe()} matched a value message (sent with lowercase send); receive it with lowercase recv`;
    }
    if (dtype !== op.dtype) {
      return `ERR_TYPE:${op.describe()} expected ${dtypeName(op.dtype)} elements but the message holds ${dtypeName(dtype)} elements`;
    }
    if (bytes > op.target!.length) {
      const bpe = ELEMENT_BYTES[dtype]!;
      return `ERR_TRUNCATE:${op.describe()}: message of ${bytes / bpe} elements (${bytes} B) does not fit the receive buffer of ${op.target!.length / bpe} elements (${op.target!.length} B)`;
    }
    return null;
  }

  private fail(op: RecvOp, problem: string): void {
    const colon = problem.indexOf(':');
    op.error = mpiError(problem.slice(0, colon) as 'ERR_TYPE', problem.slice(colon + 1));
    op.done = true;
  }

  private matched(op: RecvOp, src: number, seq: number, tag: number, bytes: number, dtype: number): void {
    op.srcWorld = src;
    op.msgSeq = seq;
    op.msgTag = tag;
    op.byteCount = bytes;
    op.msgDtype = dtype;
  }

  /** Complete `op` with an eager payload found at `data[from .. from + bytes)`; `view` is a DataView of `data`, if at hand. */
  private deliver(
    op: RecvOp, src: number, seq: number, tag: number, bytes: number, dtype: number, data: Uint8Array, view: DataView | null, from: number,
  ): void {
    this.matched(op, src, seq, tag, bytes, dtype);
    const problem = this.incompatibility(op, bytes, dtype);
    if (problem !== null) return this.fail(op, problem);
    if (op.mode === RecvMode.TYPED) copyBytes(data, from, op.target!, 0, bytes);
    else op.value = this.decodeMessage(op, data, view, from, bytes);
    op.done = true;
  }

  /** `directOffset` >= 0: the payload is in the sender's SharedArrayBuffer at that offset (FLAG_DIRECT). */
  private startRendezvous(op: RecvOp, src: number, tag: number, seq: number, bytes: number, dtype: number, directOffset: number): void {
    this.matched(op, src, seq, tag, bytes, dtype);
    const problem = this.incompatibility(op, bytes, dtype);
    if (directOffset >= 0) return this.copyDirect(op, src, seq, bytes, directOffset, problem);
    if (problem !== null) {
      this.sendControl(src, CTS, seq, CTS_DISCARD);
      return this.fail(op, problem);
    }
    this.sendControl(src, CTS, seq, 0);
    if (bytes === 0) return this.finishRendezvous(op);
    op.rdvSeq = seq;
    op.rdvReceived = 0;
    if (op.mode === RecvMode.VALUE) op.rdvStaging = new Uint8Array(bytes);
    this.rendezvousIn[src]!.push(op);
  }

  /**
   * A rendezvous from the sender's shared memory: copy it in one go, then ACK, which completes the
   * send (so the sender cannot touch its buffer before the copy is done). The buffer is taken off
   * the channel even when the receive fails, so it never lingers there.
   */
  private copyDirect(op: RecvOp, src: number, seq: number, bytes: number, offset: number, problem: string | null): void {
    // A direct rendezvous always posts the one SharedArrayBuffer under the sender's array.
    const [sab] = this.channel.take(src, seq) as SharedArrayBuffer[];
    const data = new Uint8Array(sab!, offset, bytes);
    if (problem !== null) this.fail(op, problem);
    else if (op.mode === RecvMode.TYPED) copyBytes(data, 0, op.target!, 0, bytes);
    else op.value = this.decodeMessage(op, data, null, 0, bytes);
    this.sendControl(src, ACK, seq, 0);
    op.done = true;
  }

  private finishRendezvous(op: RecvOp): void {
    if (op.mode === RecvMode.VALUE) {
      const staging = op.rdvStaging ?? NO_BYTES;
      op.value = this.decodeMessage(op, staging, null, 0, staging.length);
      op.rdvStaging = null;
    }
    op.done = true;
  }

  // ----------------------------------------------------------------- progress

  /** Drain every incoming ring and flush outgoing work. True when anything happened. */
  progress(): boolean {
    let did = false;
    for (let s = 0; s < this.size; s++) {
      const ring = this.inRings[s]!;
      let drained = 0;
      for (; drained < DRAIN_BUDGET; drained++) {
        const at = ring.peek();
        if (at < 0) break;
        this.handle(s, ring, this.inViews[s]!, at);
        ring.release();
      }
      if (drained > 0) {
        did = true;
        // The sender may be parked waiting for the room we just freed.
        if (ring.producerStarved()) this.bells[s]!.ring();
      }
    }
    if (this.pendingOut > 0) did = this.flushOutgoing() || did;
    // Backwards: a poller that completes removes itself.
    for (let k = this.pollers.length - 1; k >= 0; k--) did = this.pollers[k]!() || did;
    return did;
  }

  private handle(src: number, ring: SpscRing, view: DataView, at: number): void {
    const w = ring.words;
    const i = at >> 2;
    const kindWord = w[i + W_KIND]!;
    const kind = kindWord & KIND_MASK;
    const seq = w[i + W_SEQ]!;
    switch (kind) {
      case EAGER:
      case RTS: {
        const ctx = w[i + W_CTX]!;
        const tag = w[i + W_TAG]!;
        const bytes = w[i + W_BYTES]!;
        const dtype = w[i + W_DTYPE]!;
        const sync = (kindWord & FLAG_SYNC) !== 0;
        const direct = (kindWord & FLAG_DIRECT) !== 0 ? w[i + W_OFFSET]! : -1;
        const op = this.takePosted(src, tag, ctx);
        if (op === null) {
          const payload = kind === EAGER ? ring.bytes.slice(at + HEADER_BYTES, at + HEADER_BYTES + bytes) : null;
          this.unexpected.push({ src, ctx, tag, seq, kind, sync, bytes, dtype, payload, directOffset: direct });
        } else if (kind === EAGER) {
          this.deliver(op, src, seq, tag, bytes, dtype, ring.bytes, view, at + HEADER_BYTES);
          if (sync) this.sendControl(src, ACK, seq, 0);
        } else {
          this.startRendezvous(op, src, tag, seq, bytes, dtype, direct);
        }
        return;
      }
      case CHUNK:
        return this.receiveChunk(src, seq, w[i + W_OFFSET]!, w[i + W_BYTES]!, ring.bytes, at + HEADER_BYTES);
      case ACK:
      case CTS:
        return this.cleared(src, kind, seq, w[i + W_AUX]!);
      default:
        throw mpiError('ERR_OTHER', `corrupt record of kind ${kind} from rank ${src}`);
    }
  }

  private receiveChunk(src: number, seq: number, offset: number, n: number, data: Uint8Array, from: number): void {
    const list = this.rendezvousIn[src]!;
    let k = 0;
    while (list[k]!.rdvSeq !== seq) k++;
    const op = list[k]!;
    copyBytes(data, from, op.mode === RecvMode.VALUE ? op.rdvStaging! : op.target!, offset, n);
    op.rdvReceived += n;
    if (op.rdvReceived === op.byteCount) {
      removeAt(list, k);
      this.finishRendezvous(op);
    }
  }

  /** The receiver answered a send of ours: ACK completes an ssend; CTS releases a rendezvous. */
  private cleared(src: number, kind: number, seq: number, aux: number): void {
    const list = this.awaiting[src]!;
    let k = 0;
    while (list[k]!.seq !== seq) k++;
    const op = removeAt(list, k);
    if (kind === ACK || aux === CTS_DISCARD || op.bytes === 0) {
      op.phase = SendPhase.DONE;
      op.done = true;
      return;
    }
    op.phase = SendPhase.STREAMING;
    this.streaming[src]!.push(op);
    this.pendingOut++;
  }

  /** A matched message in `data[from .. from + n)` as a JS value: decoded when it was a value, a typed-array copy otherwise. */
  private decodeMessage(op: RecvOp, data: Uint8Array, view: DataView | null, from: number, n: number): unknown {
    const dtype = op.msgDtype;
    if (dtype === DtypeCode.VALUE) return decodeValueAt(data, view, from, n, null);
    if (dtype === DtypeCode.VALUE_SHARED) return decodeValueAt(data, view, from, n, this.channel.take(op.srcWorld, op.msgSeq));
    const Ctor = ARRAY_TYPES[dtype]!;
    return new Ctor(data.slice(from, from + n).buffer);
  }

  // ------------------------------------------------------------ introspection

  /** What is still in flight, for diagnostics (deadlock reports, end-of-job leftovers). */
  inFlight(): { unexpected: readonly Unexpected[]; receiving: RecvOp[]; sending: SendOp[] } {
    const receiving = [...this.posted, ...this.rendezvousIn.flat()];
    const sending = [...this.outQueue.flat(), ...this.streaming.flat(), ...this.awaiting.flat()];
    return { unexpected: this.unexpected, receiving, sending: sending.filter((s): s is SendOp => s instanceof SendOp) };
  }
}

