/**
 * The two kinds of point-to-point operation the engine moves forward. A Request wraps one; a
 * blocking call uses one directly. Fields are plain and mutable because the engine updates them
 * from its progress loop without allocating.
 */
import { ANY_SOURCE, ANY_TAG } from '../constants.js';
import type { MPIError } from '../errors.js';
import type { DtypeCode } from '../protocol/dtypes.js';
import type { SharedMemory } from '../protocol/shared-refs.js';

/** The communicator an operation belongs to, as reports need it: its name and rank numbering. */
export interface CommRef {
  readonly name: string;
  /** This communicator's rank of a world rank (-1 when not a member). */
  commRankOf(worldRank: number): number;
}

/** What a blocked operation waits for, for the deadlock detector (world ranks). */
export interface WaitTarget {
  kind: 'rank' | 'any' | 'none';
  ranks: readonly number[];
}

/** Anything a rank can block on: one operation, or a set (waitall/waitany). */
export interface Waitable {
  isComplete(): boolean;
  /** The blocked call as the user wrote it, e.g. `recv(source=1, tag=7, comm=WORLD)`. */
  describe(): string;
  waitTarget(): WaitTarget;
  /**
   * Called before a blocking wait (Waiter.wait) parks for this (after the spin found it still
   * incomplete): the last moment to do what a wait that may never end needs done first. May
   * throw, which ends the wait.
   */
  beforePark?(): void;
}

export const SendPhase = {
  /** Not yet written: the ring to the destination was full, or earlier records are queued. */
  QUEUED: 0,
  /** Synchronous eager message written; waiting for the receiver's ACK. */
  AWAIT_ACK: 1,
  /** RTS written; waiting for the receiver to match it (CTS). */
  AWAIT_CTS: 2,
  /** CTS received; payload chunks are being written. */
  STREAMING: 3,
  DONE: 4,
} as const;
export type SendPhase = (typeof SendPhase)[keyof typeof SendPhase];

/**
 * A send in flight. `init` re-arms a completed one, so a blocking call can reuse one operation
 * for every message (no allocation per message); the constructor is `init` on a fresh one.
 */
export class SendOp implements Waitable {
  done = false;
  error: MPIError | null = null;
  phase: SendPhase = SendPhase.QUEUED;
  seq = 0;
  /** Bytes of payload already written as CHUNK records. */
  sent = 0;
  rendezvous = false;
  /** Shared memory a value message references; posted on the BufferChannel before the record. */
  buffers: SharedMemory[] | null = null;
  /** `payload` is a buffer the caller reuses: the engine copies it if it must keep it (queued, rendezvous). */
  borrowed = false;
  /** A rendezvous whose payload the receiver reads straight from the sender's SharedArrayBuffer. */
  direct = false;
  dest!: number;
  ctx!: number;
  tag!: number;
  dtype!: DtypeCode;
  payload!: Uint8Array;
  /** The message's size: the first `bytes` bytes of `payload` (a reused encoding buffer may be longer). */
  bytes!: number;
  sync!: boolean;
  /** For reports: the call the user made (`send`, `Isend`, ...) and on which communicator. */
  callName!: string;
  comm!: CommRef;

  constructor(dest: number, ctx: number, tag: number, dtype: DtypeCode, payload: Uint8Array, sync: boolean, callName: string, comm: CommRef) {
    this.init(dest, ctx, tag, dtype, payload, payload.length, sync, callName, comm);
  }

  init(dest: number, ctx: number, tag: number, dtype: DtypeCode, payload: Uint8Array, bytes: number, sync: boolean, callName: string, comm: CommRef): this {
    this.dest = dest;
    this.ctx = ctx;
    this.tag = tag;
    this.dtype = dtype;
    this.payload = payload;
    this.bytes = bytes;
    this.sync = sync;
    this.callName = callName;
    this.comm = comm;
    this.done = false;
    this.error = null;
    this.phase = SendPhase.QUEUED;
    this.sent = 0;
    this.buffers = null;
    this.borrowed = false;
    this.direct = false;
    return this;
  }

  isComplete(): boolean {
    return this.done;
  }

  describe(): string {
    return `${this.callName}(dest=${this.comm.commRankOf(this.dest)}, tag=${this.tag}, comm=${this.comm.name})`;
  }

  waitTarget(): WaitTarget {
    return { kind: 'rank', ranks: [this.dest] };
  }
}

export const RecvMode = { TYPED: 0, VALUE: 1 } as const;
export type RecvMode = (typeof RecvMode)[keyof typeof RecvMode];

/** A receive in flight; like SendOp, `init` re-arms a completed one for reuse. */
export class RecvOp implements Waitable {
  done = false;
  error: MPIError | null = null;
  cancelled = false;
  /** Filled on match: the sender's world rank, tag, size and element type. */
  srcWorld = -1;
  msgTag = -1;
  /** The sender's message number: (srcWorld, msgSeq) names the message, e.g. for trace flows. */
  msgSeq = 0;
  byteCount = 0;
  msgDtype = 0;
  /** VALUE mode: the received value (also a typed array copy when the message was typed). */
  value: unknown = undefined;
  /** Rendezvous in progress: message number, bytes received, staging for values. */
  rdvSeq = -1;
  rdvReceived = 0;
  rdvStaging: Uint8Array | null = null;
  /** World rank to receive from, or ANY_SOURCE. */
  source!: number;
  tag!: number;
  ctx!: number;
  mode!: RecvMode;
  /** TYPED mode: the bytes to fill; its element type is `dtype`. */
  target!: Uint8Array | null;
  dtype!: number;
  /** World ranks that may satisfy an ANY_SOURCE receive (the communicator's group). */
  candidates!: ArrayLike<number>;
  callName!: string;
  comm!: CommRef;

  constructor(
    source: number, tag: number, ctx: number, mode: RecvMode, target: Uint8Array | null, dtype: number,
    candidates: ArrayLike<number>, callName: string, comm: CommRef,
  ) {
    this.init(source, tag, ctx, mode, target, dtype, candidates, callName, comm);
  }

  init(
    source: number, tag: number, ctx: number, mode: RecvMode, target: Uint8Array | null, dtype: number,
    candidates: ArrayLike<number>, callName: string, comm: CommRef,
  ): this {
    this.source = source;
    this.tag = tag;
    this.ctx = ctx;
    this.mode = mode;
    this.target = target;
    this.dtype = dtype;
    this.candidates = candidates;
    this.callName = callName;
    this.comm = comm;
    this.done = false;
    this.error = null;
    this.cancelled = false;
    this.srcWorld = -1;
    this.msgTag = -1;
    this.value = undefined;
    this.rdvSeq = -1;
    this.rdvReceived = 0;
    this.rdvStaging = null;
    return this;
  }

  isComplete(): boolean {
    return this.done;
  }

  describe(): string {
    const source = this.source === ANY_SOURCE ? 'ANY_SOURCE' : String(this.comm.commRankOf(this.source));
    const tag = this.tag === ANY_TAG ? 'ANY_TAG' : String(this.tag);
    return `${this.callName}(source=${source}, tag=${tag}, comm=${this.comm.name})`;
  }

  waitTarget(): WaitTarget {
    return this.source >= 0 ? { kind: 'rank', ranks: [this.source] } : { kind: 'any', ranks: Array.from(this.candidates) };
  }
}

/** A message that arrived before any receive matched it. */
export interface Unexpected {
  src: number;
  ctx: number;
  tag: number;
  seq: number;
  /** EAGER (payload held here) or RTS (payload still at the sender). */
  kind: number;
  sync: boolean;
  bytes: number;
  dtype: number;
  payload: Uint8Array | null;
  /** RTS with FLAG_DIRECT: where the payload starts in the sender's SharedArrayBuffer; -1 otherwise. */
  directOffset: number;
}
