/**
 * The blocking point-to-point calls (Send, Recv, send, recv, ...), on operations reused from call
 * to call: no Request, no operation objects and, for a typed array used again, no byte view per
 * message. A blocking call returns only once its operation is complete and out of every engine
 * queue, and a rank runs one blocking call at a time, so one operation of each kind serves all.
 */
import { type BufferSpec, ByteViews, messageBytes, receiveBytes, receiveTarget, resolveBuffer, unpack } from '../protocol/buffers.js';
import { DtypeCode, dtypeOf, isTypedArray } from '../protocol/dtypes.js';
import type { SharedMemory } from '../protocol/shared-refs.js';
import { encodeValueBorrowed } from '../protocol/values.js';
import type { CommState } from '../runtime/comm-state.js';
import type { Waiter } from '../runtime/waiter.js';
import type { Engine } from '../transport/engine.js';
import { type CommRef, RecvMode, RecvOp, SendOp } from '../transport/ops.js';
import type { Status } from '../Status.js';
import { worldSource } from './work.js';

const NO_COMM: CommRef = { name: 'none', commRankOf: (r) => r };
const NO_BYTES = new Uint8Array(0);

export class BlockingP2p {
  private readonly sendOp = new SendOp(-1, -1, 0, DtypeCode.UINT8, NO_BYTES, false, '', NO_COMM);
  private readonly recvOp = new RecvOp(-1, 0, -1, RecvMode.TYPED, null, DtypeCode.UINT8, [], '', NO_COMM);
  private readonly sendViews = new ByteViews();
  private readonly recvViews = new ByteViews();

  constructor(private readonly engine: Engine, private readonly waiter: Waiter) {
    this.sendOp.done = true;
    this.recvOp.done = true;
  }

  /** Send a typed array or buffer spec to comm rank `dest` (checked by the caller, not PROC_NULL). */
  Send(comm: CommState, buf: BufferSpec, dest: number, tag: number, sync: boolean, call: string): void {
    if (isTypedArray(buf)) {
      // The byte view's length, not buf.byteLength: that load costs some 10 ns on Node 20.
      const bytes = this.sendViews.of(buf);
      this.send(comm, bytes, bytes.length, dtypeOf(buf), dest, tag, sync, call, false, null);
      return;
    }
    const mb = resolveBuffer(buf, call);
    const bytes = messageBytes(mb);
    this.send(comm, bytes, bytes.length, mb.code, dest, tag, sync, call, false, null);
  }

  /** Send a value to comm rank `dest`. */
  sendValue(comm: CommState, obj: unknown, dest: number, tag: number, sync: boolean, call: string): void {
    const v = encodeValueBorrowed(obj, call);
    const dtype = v.buffers === null ? DtypeCode.VALUE : DtypeCode.VALUE_SHARED;
    this.send(comm, v.bytes, v.length, dtype, dest, tag, sync, call, v.borrowed, v.buffers);
  }

  /** Receive into a typed array or buffer spec; fills `status`. `source` is a comm rank or ANY_SOURCE. */
  Recv(comm: CommState, buf: BufferSpec, source: number, tag: number, call: string, status: Status): void {
    if (isTypedArray(buf)) {
      this.receive(comm, RecvMode.TYPED, this.recvViews.of(buf), dtypeOf(buf), source, tag, call, status);
      return;
    }
    const mb = resolveBuffer(buf, call);
    const target = receiveTarget(mb);
    const op = this.receive(comm, RecvMode.TYPED, receiveBytes(mb, target), mb.code, source, tag, call, status);
    if (mb.datatype !== null) unpack(mb, target, op.byteCount / target.BYTES_PER_ELEMENT);
  }

  /** Receive a value. */
  recvValue(comm: CommState, source: number, tag: number, call: string, status: Status | undefined): unknown {
    const op = this.receive(comm, RecvMode.VALUE, null, DtypeCode.VALUE, source, tag, call, status);
    const value = op.value;
    op.value = undefined; // the reused operation must not keep the user's value alive
    return value;
  }

  private send(
    comm: CommState, payload: Uint8Array, bytes: number, dtype: DtypeCode, dest: number, tag: number, sync: boolean, call: string,
    borrowed: boolean, buffers: SharedMemory[] | null,
  ): void {
    // Not done only if a previous call was interrupted (the job is aborting): leave that one alone.
    const op = this.sendOp.done ? this.sendOp : new SendOp(-1, -1, 0, dtype, payload, false, call, comm);
    op.init(comm.worldRankOf(dest), comm.ctx, tag, dtype, payload, bytes, sync, call, comm);
    op.borrowed = borrowed;
    op.buffers = buffers;
    this.engine.startSend(op);
    this.waiter.wait(op);
    if (op.error !== null) throw op.error;
  }

  private receive(
    comm: CommState, mode: RecvMode, target: Uint8Array | null, dtype: number, source: number, tag: number, call: string,
    status: Status | undefined,
  ): RecvOp {
    const reusable = this.recvOp.done ? this.recvOp : new RecvOp(-1, 0, -1, mode, null, dtype, [], call, comm);
    const op = reusable.init(worldSource(comm, source), tag, comm.ctx, mode, target, dtype, comm.group, call, comm);
    this.engine.postRecv(op);
    this.waiter.wait(op);
    if (op.error !== null) throw op.error;
    status?.set(comm.commRankOf(op.srcWorld), op.msgTag, op.byteCount, op.msgDtype, false);
    return op;
  }
}
