/**
 * The point-to-point layer under every collective algorithm: one Exchange per collective call.
 *
 * Collective traffic is posted straight on the engine, on the communicator's collective context
 * (`collCtx`), so a user's ANY_TAG receive on the same communicator can never take it. The tag is
 * the call's sequence number on that communicator: every rank calls collectives in the same order,
 * so they agree on it, and two nonblocking collectives in flight at once can never match each
 * other's messages. Within one call, messages between two ranks are matched in the order they were
 * posted on both sides (the engine is FIFO per sender), which every algorithm here relies on.
 *
 * An algorithm is a generator that posts operations through its Exchange and yields what it must
 * wait for (a Step); the driver (run.ts) resumes it once that step is complete.
 */
import { DtypeCode } from '../protocol/dtypes.js';
import { encodeValue } from '../protocol/values.js';
import type { CommState } from '../runtime/comm-state.js';
import { RecvMode, RecvOp, SendOp, type WaitTarget, type Waitable } from '../transport/ops.js';
import type { CollectiveSignature } from '../diagnostics/collective-ledger.js';
import type { CollectiveState } from './state.js';

export type { RecvOp, SendOp };
export type PointOp = SendOp | RecvOp;

/** Several operations completing together: what an algorithm yields for a round of sends/receives. */
export class OpGroup implements Waitable {
  constructor(readonly ops: readonly PointOp[]) {}
  isComplete(): boolean {
    for (const op of this.ops) if (!op.done) return false;
    return true;
  }
  describe(): string {
    return this.ops.filter((o) => !o.done).map((o) => o.describe()).join(', ');
  }
  waitTarget(): WaitTarget {
    const ranks = new Set<number>();
    for (const op of this.ops) if (!op.done) for (const r of op.waitTarget().ranks) ranks.add(r);
    return { kind: 'rank', ranks: [...ranks] };
  }
}

/**
 * What an algorithm waits for between two of its steps: messages (checked by the driver when they
 * complete), or a condition in shared memory (shm/segment.ts).
 */
export type Step = PointOp | OpGroup | Waitable;

/** A collective algorithm's schedule: yields steps, returns its result. */
export type Schedule<R = void> = Generator<Step, R, void>;

/** Zero bytes: the payload of pure synchronisation messages, and what they are received into. */
export const NO_BYTES = new Uint8Array(0);

export class Exchange {
  readonly rank: number;
  readonly size: number;
  readonly tag: number;
  /** The call as the user made it (`Allreduce`, `ibcast`, ...), for reports. */
  readonly call: string;

  constructor(
    readonly comm: CommState,
    /** The communicator's collective state in this rank (tags, segment, overrides). */
    readonly state: CollectiveState,
    /** What every rank must agree on; names the call in reports. */
    readonly signature: CollectiveSignature,
    /** Element type of the call's messages: receivers check it, so ranks passing different typed arrays get ERR_TYPE. */
    readonly dtype: DtypeCode,
    /** Bytes per element: algorithms that cut a message into pieces cut at element boundaries. */
    readonly elementBytes: number,
  ) {
    this.rank = comm.rank;
    this.size = comm.size;
    this.call = signature.name;
    this.tag = state.nextTag();
  }

  /** The call with its arguments, e.g. `Bcast(root=0, comm=WORLD)`, for reports (run.ts `Labelled`). */
  label(): string {
    return labelOf(this.signature, this.comm.name);
  }

  send(peer: number, bytes: Uint8Array): SendOp {
    return this.start(peer, this.dtype, bytes, null);
  }

  /** A zero-byte message: synchronisation only (barriers). */
  signal(peer: number): SendOp {
    return this.send(peer, NO_BYTES);
  }

  /** Receive exactly `into.length` bytes from `peer` (the driver checks the size). */
  recv(peer: number, into: Uint8Array): RecvOp {
    return this.post(peer, RecvMode.TYPED, into, this.dtype);
  }

  /**
   * Receive a message of a size this rank cannot know in advance (a serialized value). The sender
   * sends bytes, so the engine hands the payload over as a fresh Uint8Array: see `blobOf`.
   */
  recvBlob(peer: number): RecvOp {
    return this.post(peer, RecvMode.VALUE, null, DtypeCode.UINT8);
  }

  /** Receive into `into` when its size is known, as a blob otherwise. */
  recvInto(peer: number, into: Uint8Array | null): RecvOp {
    return into === null ? this.recvBlob(peer) : this.recv(peer, into);
  }

  /**
   * Send a value whose SharedArrayBuffers the receiver maps rather than copies (how the shared
   * segment reaches every member); received with `recvValue`.
   */
  sendShared(peer: number, value: unknown): SendOp {
    const { bytes, buffers } = encodeValue(value, this.call);
    return this.start(peer, buffers === null ? DtypeCode.VALUE : DtypeCode.VALUE_SHARED, bytes, buffers);
  }

  recvValue(peer: number): RecvOp {
    return this.post(peer, RecvMode.VALUE, null, DtypeCode.VALUE);
  }

  private start(peer: number, dtype: DtypeCode, bytes: Uint8Array, buffers: SendOp['buffers']): SendOp {
    const c = this.comm;
    const op = new SendOp(c.worldRankOf(peer), c.collCtx, this.tag, dtype, bytes, false, this.call, c);
    if (buffers !== null) op.buffers = buffers;
    c.runtime.engine.startSend(op);
    return op;
  }

  private post(peer: number, mode: RecvMode, into: Uint8Array | null, dtype: DtypeCode): RecvOp {
    const c = this.comm;
    const op = new RecvOp(c.worldRankOf(peer), this.tag, c.collCtx, mode, into, dtype, c.group, this.call, c);
    c.runtime.engine.postRecv(op);
    return op;
  }

  all(...ops: PointOp[]): OpGroup {
    return new OpGroup(ops);
  }
}

/** A collective call with its arguments, e.g. `Bcast(root=0, comm=WORLD)`: how reports name it. */
export function labelOf(signature: CollectiveSignature, commName: string): string {
  const { name, root, op } = signature;
  const args = `${root === undefined ? '' : `root=${root}, `}${op === undefined ? '' : `op=${op}, `}comm=${commName}`;
  return `${name}(${args})`;
}

/** The bytes a completed receive delivered: its target, or the blob for a receive of unknown size. */
export function blobOf(op: RecvOp): Uint8Array {
  return op.target ?? (op.value as Uint8Array);
}

/** Receive a zero-byte signal. */
export function awaitSignal(c: Exchange, peer: number): RecvOp {
  return c.recv(peer, NO_BYTES);
}
