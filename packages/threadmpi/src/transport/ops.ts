/**
 * The two kinds of point-to-point operation the engine moves forward. A Request wraps one; a
 * blocking call uses one directly. Fields are plain and mutable because the engine updates them
 * from its progress loop without allocating.
 */
import { ANY_SOURCE, ANY_TAG } from '../constants.js';
import type { MPIError } from '../errors.js';
import type { DtypeCode } from '../protocol/dtypes.js';

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

export class SendOp implements Waitable {
  done = false;
  error: MPIError | null = null;
  phase: SendPhase = SendPhase.QUEUED;
  seq = 0;
  /** Bytes of payload already written as CHUNK records. */
  sent = 0;
  rendezvous = false;
  /** Shared memory a value message references; posted on the BufferChannel before the record. */
  buffers: SharedArrayBuffer[] | null = null;

  constructor(
    readonly dest: number,
    readonly ctx: number,
    readonly tag: number,
    readonly dtype: DtypeCode,
    readonly payload: Uint8Array,
    readonly sync: boolean,
    /** For reports: the call the user made (`send`, `Isend`, ...) and on which communicator. */
    readonly callName: string,
    readonly comm: CommRef,
  ) {}

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
  /** Rendezvous in progress: message number, bytes expected, bytes received, staging for values. */
  rdvSeq = -1;
  rdvReceived = 0;
  rdvStaging: Uint8Array | null = null;

  constructor(
    /** World rank to receive from, or ANY_SOURCE. */
    readonly source: number,
    readonly tag: number,
    readonly ctx: number,
    readonly mode: RecvMode,
    /** TYPED mode: the bytes to fill; its element type is `dtype`. */
    readonly target: Uint8Array | null,
    readonly dtype: number,
    /** World ranks that may satisfy an ANY_SOURCE receive (the communicator's group). */
    readonly candidates: ArrayLike<number>,
    readonly callName: string,
    readonly comm: CommRef,
  ) {}

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
}
