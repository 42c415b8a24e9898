/**
 * Point-to-point operations as Request work: posting a send or receive on the engine, and
 * turning a completed operation into what the user gets (value, status, error).
 */
import { ANY_SOURCE } from '../constants.js';
import { DtypeCode } from '../protocol/dtypes.js';
import { messageBytes, receiveBytes, receiveTarget, unpack, type MessageBuffer } from '../protocol/buffers.js';
import type { SharedMemory } from '../protocol/shared-refs.js';
import { encodeValue } from '../protocol/values.js';
import type { RequestWork } from '../Request.js';
import type { CommState } from '../runtime/comm-state.js';
import { RecvMode, RecvOp, SendOp, type WaitTarget } from '../transport/ops.js';
import type { Status } from '../Status.js';

/** A posted send: completes when its data is out of the user's buffer (or matched, for ssend). */
export class SendWork implements RequestWork {
  constructor(readonly op: SendOp) {}
  isComplete(): boolean {
    return this.op.done;
  }
  describe(): string {
    return this.op.describe();
  }
  waitTarget(): WaitTarget {
    return this.op.waitTarget();
  }
  finish(): undefined {
    if (this.op.error !== null) throw this.op.error;
    return undefined;
  }
  cancel(): void {
    // MPI-4.1 deprecates cancelling sends; a send here is already on its way, so there is nothing to withdraw.
  }
}

/** A posted receive: completes with the value (value form) or the filled buffer (typed form). */
export class RecvWork implements RequestWork {
  constructor(
    readonly op: RecvOp,
    private readonly comm: CommState,
    /** Typed form: the user's buffer spec and, for derived layouts, the staging array. */
    private readonly mb: MessageBuffer | null,
    private readonly staging: ArrayBufferView | null,
  ) {}
  isComplete(): boolean {
    return this.op.done;
  }
  describe(): string {
    return this.op.describe();
  }
  waitTarget(): WaitTarget {
    return this.op.waitTarget();
  }
  finish(status: Status | undefined): unknown {
    const op = this.op;
    if (op.error !== null) throw op.error;
    status?.assign({
      source: op.cancelled ? ANY_SOURCE : this.comm.commRankOf(op.srcWorld),
      tag: op.msgTag,
      byteCount: op.byteCount,
      dtype: op.msgDtype,
      cancelled: op.cancelled,
    });
    if (this.mb !== null && this.staging !== null && !op.cancelled) {
      const bpe = this.mb.array.BYTES_PER_ELEMENT;
      unpack(this.mb, this.staging as never, op.byteCount / bpe);
    }
    return op.mode === RecvMode.VALUE ? op.value : undefined;
  }
  cancel(): void {
    this.comm.runtime.engine.cancelRecv(this.op);
  }
}

export function postValueSend(comm: CommState, obj: unknown, dest: number, tag: number, sync: boolean, call: string): SendWork {
  const { bytes, buffers } = encodeValue(obj, call);
  return postSend(comm, bytes, buffers === null ? DtypeCode.VALUE : DtypeCode.VALUE_SHARED, dest, tag, sync, call, buffers);
}

export function postTypedSend(comm: CommState, mb: MessageBuffer, dest: number, tag: number, sync: boolean, call: string): SendWork {
  return postSend(comm, messageBytes(mb), mb.code, dest, tag, sync, call);
}

function postSend(
  comm: CommState, payload: Uint8Array, dtype: DtypeCode, dest: number, tag: number, sync: boolean, call: string,
  buffers: SharedMemory[] | null = null,
): SendWork {
  const op = new SendOp(comm.worldRankOf(dest), comm.ctx, tag, dtype, payload, sync, call, comm);
  op.buffers = buffers;
  comm.runtime.engine.startSend(op);
  return new SendWork(op);
}

export function postValueRecv(comm: CommState, source: number, tag: number, call: string): RecvWork {
  const op = new RecvOp(worldSource(comm, source), tag, comm.ctx, RecvMode.VALUE, null, DtypeCode.VALUE, comm.group, call, comm);
  comm.runtime.engine.postRecv(op);
  return new RecvWork(op, comm, null, null);
}

export function postTypedRecv(comm: CommState, mb: MessageBuffer, source: number, tag: number, call: string): RecvWork {
  const target = receiveTarget(mb);
  const op = new RecvOp(worldSource(comm, source), tag, comm.ctx, RecvMode.TYPED, receiveBytes(mb, target), mb.code, comm.group, call, comm);
  comm.runtime.engine.postRecv(op);
  return new RecvWork(op, comm, mb, mb.datatype === null ? null : target);
}

export function worldSource(comm: CommState, source: number): number {
  return source === ANY_SOURCE ? ANY_SOURCE : comm.worldRankOf(source);
}
