/**
 * Communicators (MPI_Comm / mpi4py's Comm): point-to-point in both forms, and communicator
 * management. Lowercase methods move any structured-clone-able value; capitalised methods move
 * typed arrays (or `[buf, count, datatype]` specs) without serialization.
 */
import { ANY_SOURCE, ANY_TAG, CONGRUENT, IDENT, PROC_NULL, SIMILAR, UNEQUAL, type CompareResult } from './constants.js';
import { mpiError } from './errors.js';
import { resolveBuffer, type BufferSpec } from './protocol/buffers.js';
import { DtypeCode } from './protocol/dtypes.js';
import { checkDest, checkRecvTag, checkSendTag, checkSource } from './p2p/args.js';
import { postTypedRecv, postTypedSend, postValueRecv, postValueSend } from './p2p/work.js';
import { Prequest, Request } from './Request.js';
import { Status } from './Status.js';
import { CommState } from './runtime/comm-state.js';
import { AbortKind, JOB_ABORT, JOB_ABORT_CODE, JOB_ABORT_KIND, JOB_ABORT_RANK } from './transport/layout.js';
import { agreeOnContext } from './runtime/context-agreement.js';

export class Comm {
  /** @internal */
  constructor(private readonly fixedState: CommState | null) {}

  /** @internal The communicator's state; COMM_WORLD and COMM_SELF resolve it per job. */
  get state(): CommState {
    return this.fixedState!;
  }

  /** @internal A communicator of this one's class (Intracomm, Cartcomm, ...) over new state. */
  protected derive(state: CommState): this {
    return new (this.constructor as new (s: CommState) => this)(state);
  }

  get rank(): number {
    return this.state.rank;
  }
  get size(): number {
    return this.state.size;
  }
  get name(): string {
    return this.state.name;
  }
  Get_rank(): number {
    return this.rank;
  }
  Get_size(): number {
    return this.size;
  }
  Get_name(): string {
    return this.name;
  }
  Set_name(name: string): void {
    this.state.name = String(name);
  }

  // ------------------------------------------------------------------- values

  send(obj: unknown, dest: number, tag = 0): void {
    this.blockingValueSend(obj, dest, tag, false, 'send');
  }

  ssend(obj: unknown, dest: number, tag = 0): void {
    this.blockingValueSend(obj, dest, tag, true, 'ssend');
  }

  isend(obj: unknown, dest: number, tag = 0): Request {
    return this.postValueSend(obj, dest, tag, false, 'isend') ?? new Request(null);
  }

  issend(obj: unknown, dest: number, tag = 0): Request {
    return this.postValueSend(obj, dest, tag, true, 'issend') ?? new Request(null);
  }

  recv(source: number = ANY_SOURCE, tag: number = ANY_TAG, status?: Status): unknown {
    const s = this.state.check('recv');
    const src = checkSource(s, source, 'recv');
    const t = checkRecvTag(tag, 'recv');
    if (src === PROC_NULL) return nullReceive(status);
    return s.runtime.p2p.recvValue(s, src, t, 'recv', status);
  }

  irecv(source: number = ANY_SOURCE, tag: number = ANY_TAG): Request {
    return this.irecvNamed(source, tag, 'irecv');
  }

  sendrecv(sendobj: unknown, dest: number, sendtag = 0, source: number = ANY_SOURCE, recvtag: number = ANY_TAG, status?: Status): unknown {
    const r = this.irecvNamed(source, recvtag, 'sendrecv');
    this.blockingValueSend(sendobj, dest, sendtag, false, 'sendrecv');
    return r.wait(status);
  }

  /** Block until a matching message is available; returns its status without receiving it. */
  probe(source: number = ANY_SOURCE, tag: number = ANY_TAG, status?: Status): Status {
    return this.probeNamed(source, tag, status, true, 'probe')!;
  }

  /** A matching message's status if one is available now, else null. Never consumes it. */
  iprobe(source: number = ANY_SOURCE, tag: number = ANY_TAG, status?: Status): Status | null {
    return this.probeNamed(source, tag, status, false, 'iprobe');
  }

  // ------------------------------------------------------------- typed arrays

  Send(buf: BufferSpec, dest: number, tag = 0): void {
    this.blockingTypedSend(buf, dest, tag, false, 'Send');
  }

  Ssend(buf: BufferSpec, dest: number, tag = 0): void {
    this.blockingTypedSend(buf, dest, tag, true, 'Ssend');
  }

  Isend(buf: BufferSpec, dest: number, tag = 0): Request {
    return this.postTypedSend(buf, dest, tag, false, 'Isend') ?? new Request(null);
  }

  Issend(buf: BufferSpec, dest: number, tag = 0): Request {
    return this.postTypedSend(buf, dest, tag, true, 'Issend') ?? new Request(null);
  }

  Recv(buf: BufferSpec, source: number = ANY_SOURCE, tag: number = ANY_TAG, status: Status = new Status()): Status {
    const s = this.state.check('Recv');
    const src = checkSource(s, source, 'Recv');
    const t = checkRecvTag(tag, 'Recv');
    if (src === PROC_NULL) {
      resolveBuffer(buf, 'Recv');
      nullReceive(status);
    } else {
      s.runtime.p2p.Recv(s, buf, src, t, 'Recv', status);
    }
    return status;
  }

  Irecv(buf: BufferSpec, source: number = ANY_SOURCE, tag: number = ANY_TAG): Request {
    return this.IrecvNamed(buf, source, tag, 'Irecv');
  }

  Sendrecv(
    sendbuf: BufferSpec, dest: number, sendtag = 0,
    recvbuf: BufferSpec, source: number = ANY_SOURCE, recvtag: number = ANY_TAG, status: Status = new Status(),
  ): Status {
    const r = this.IrecvNamed(recvbuf, source, recvtag, 'Sendrecv');
    this.blockingTypedSend(sendbuf, dest, sendtag, false, 'Sendrecv');
    r.wait(status);
    return status;
  }

  /** Send `buf`, then receive into the same buffer (the outgoing data is copied first). */
  Sendrecv_replace(buf: BufferSpec, dest: number, sendtag = 0, source: number = ANY_SOURCE, recvtag: number = ANY_TAG, status: Status = new Status()): Status {
    const mb = resolveBuffer(buf, 'Sendrecv_replace');
    const copy = mb.array.slice(0) as typeof mb.array;
    const spec = (Array.isArray(buf) ? [copy, ...buf.slice(1)] : copy) as BufferSpec;
    const s = this.postTypedSend(spec, dest, sendtag, false, 'Sendrecv_replace');
    const r = this.IrecvNamed(buf, source, recvtag, 'Sendrecv_replace');
    s?.wait();
    r.wait(status);
    return status;
  }

  Probe(source: number = ANY_SOURCE, tag: number = ANY_TAG, status?: Status): Status {
    return this.probeNamed(source, tag, status, true, 'Probe')!;
  }

  Iprobe(source: number = ANY_SOURCE, tag: number = ANY_TAG, status?: Status): Status | null {
    return this.probeNamed(source, tag, status, false, 'Iprobe');
  }

  /** A persistent standard send: `start()` it as often as needed. */
  Send_init(buf: BufferSpec, dest: number, tag = 0): Prequest {
    this.checkTypedSend(buf, dest, tag, 'Send_init');
    return new Prequest(() => this.postTypedSend(buf, dest, tag, false, 'Send_init')?.work ?? nullWork());
  }

  Ssend_init(buf: BufferSpec, dest: number, tag = 0): Prequest {
    this.checkTypedSend(buf, dest, tag, 'Ssend_init');
    return new Prequest(() => this.postTypedSend(buf, dest, tag, true, 'Ssend_init')?.work ?? nullWork());
  }

  /** A persistent receive. */
  Recv_init(buf: BufferSpec, source: number = ANY_SOURCE, tag: number = ANY_TAG): Prequest {
    const s = this.state.check('Recv_init');
    checkSource(s, source, 'Recv_init');
    checkRecvTag(tag, 'Recv_init');
    resolveBuffer(buf, 'Recv_init');
    return new Prequest(() => this.IrecvNamed(buf, source, tag, 'Recv_init').work ?? nullWork());
  }

  // ------------------------------------------------------ communicator management

  /** A new communicator with the same group and a separate matching context (collective). */
  Dup(): this {
    const s = this.state.check('Dup');
    const ctx = agreeOnContext(s);
    return this.derive(new CommState(s.runtime, s.group, ctx, `${s.name}.dup`));
  }

  Clone(): this {
    return this.Dup();
  }

  /** Release the communicator; any later call on it raises ERR_COMM. */
  Free(): void {
    const s = this.state.check('Free');
    if (this.fixedState === null) throw mpiError('ERR_COMM', `Free: ${s.name} is predefined and cannot be freed`);
    s.freed = true;
  }

  /** IDENT (same object), CONGRUENT (same group and order), SIMILAR (same members), or UNEQUAL. */
  Compare(other: Comm): CompareResult {
    const a = this.state.check('Compare');
    const b = other.state.check('Compare');
    if (a === b) return IDENT;
    if (a.size !== b.size) return UNEQUAL;
    let sameOrder = true;
    for (let i = 0; i < a.size; i++) sameOrder &&= a.group[i] === b.group[i];
    if (sameOrder) return CONGRUENT;
    const members = new Set(a.group);
    return b.group.every((r) => members.has(r)) ? SIMILAR : UNEQUAL;
  }

  /** Stop every rank of the job; the launcher reports `errorcode` as the job's exit code. */
  Abort(errorcode = 1): never {
    const rt = this.state.runtime;
    const c = rt.mem.control;
    if (Atomics.compareExchange(c, JOB_ABORT, 0, 1) === 0) {
      c[JOB_ABORT_CODE] = errorcode;
      c[JOB_ABORT_RANK] = rt.rank;
      Atomics.store(c, JOB_ABORT_KIND, AbortKind.ABORT_CALLED);
      for (let r = 0; r < rt.size; r++) rt.mem.doorbell(r).ring();
    }
    throw mpiError('ERR_ABORTED', `rank ${rt.rank} called Abort(${errorcode})`);
  }

  // ----------------------------------------------------------------- internals

  private blockingValueSend(obj: unknown, dest: number, tag: number, sync: boolean, call: string): void {
    const s = this.state.check(call);
    const d = checkDest(s, dest, call);
    checkSendTag(tag, call);
    if (d !== PROC_NULL) s.runtime.p2p.sendValue(s, obj, d, tag, sync, call);
  }

  private blockingTypedSend(buf: BufferSpec, dest: number, tag: number, sync: boolean, call: string): void {
    const s = this.state.check(call);
    const d = checkDest(s, dest, call);
    checkSendTag(tag, call);
    if (d === PROC_NULL) resolveBuffer(buf, call);
    else s.runtime.p2p.Send(s, buf, d, tag, sync, call);
  }

  private postValueSend(obj: unknown, dest: number, tag: number, sync: boolean, call: string) {
    const s = this.state.check(call);
    const d = checkDest(s, dest, call);
    checkSendTag(tag, call);
    if (d === PROC_NULL) return null;
    return new Request(postValueSend(s, obj, d, tag, sync, call));
  }

  private checkTypedSend(buf: BufferSpec, dest: number, tag: number, call: string) {
    const s = this.state.check(call);
    const d = checkDest(s, dest, call);
    checkSendTag(tag, call);
    return { s, d, mb: resolveBuffer(buf, call) };
  }

  private postTypedSend(buf: BufferSpec, dest: number, tag: number, sync: boolean, call: string) {
    const { s, d, mb } = this.checkTypedSend(buf, dest, tag, call);
    if (d === PROC_NULL) return null;
    return new Request(postTypedSend(s, mb, d, tag, sync, call));
  }

  private irecvNamed(source: number, tag: number, call: string): Request {
    const s = this.state.check(call);
    const src = checkSource(s, source, call);
    const t = checkRecvTag(tag, call);
    if (src === PROC_NULL) return new Request(null);
    return new Request(postValueRecv(s, src, t, call));
  }

  private IrecvNamed(buf: BufferSpec, source: number, tag: number, call: string): Request {
    const s = this.state.check(call);
    const src = checkSource(s, source, call);
    const t = checkRecvTag(tag, call);
    const mb = resolveBuffer(buf, call);
    if (src === PROC_NULL) return new Request(null);
    return new Request(postTypedRecv(s, mb, src, t, call));
  }

  private probeNamed(source: number, tag: number, status: Status | undefined, block: boolean, call: string): Status | null {
    const s = this.state.check(call);
    const src = checkSource(s, source, call);
    const t = checkRecvTag(tag, call);
    const out = status ?? new Status();
    if (src === PROC_NULL) {
      out.assign({ source: PROC_NULL, tag: ANY_TAG, byteCount: 0, dtype: DtypeCode.UINT8 });
      return out;
    }
    const found = probeWaitable(s, src === ANY_SOURCE ? ANY_SOURCE : s.worldRankOf(src), t, call);
    const waiter = s.runtime.waiter;
    if (block) waiter.wait(found);
    else waiter.poll();
    const m = found.message();
    if (m === null) return null;
    out.assign({ source: s.commRankOf(m.src), tag: m.tag, byteCount: m.bytes, dtype: m.dtype });
    return out;
  }
}

/** A probe as something a rank can block on: complete once a matching message is queued. */
function probeWaitable(s: CommState, worldSource: number, tag: number, call: string) {
  const engine = s.runtime.engine;
  const message = () => engine.peekUnexpected(worldSource, tag, s.ctx);
  return {
    message,
    isComplete: () => message() !== null,
    describe: () => `${call}(source=${worldSource === ANY_SOURCE ? 'ANY_SOURCE' : s.commRankOf(worldSource)}, tag=${tag === ANY_TAG ? 'ANY_TAG' : tag}, comm=${s.name})`,
    waitTarget: () => (worldSource === ANY_SOURCE ? { kind: 'any' as const, ranks: Array.from(s.group) } : { kind: 'rank' as const, ranks: [worldSource] }),
  };
}

/** A receive from PROC_NULL: no message, status source PROC_NULL. */
function nullReceive(status: Status | undefined): undefined {
  status?.set(PROC_NULL, ANY_TAG, 0, DtypeCode.UINT8, false);
  return undefined;
}

/** Persistent operations on PROC_NULL complete at once. */
function nullWork() {
  return { isComplete: () => true, describe: () => 'PROC_NULL', waitTarget: () => ({ kind: 'none' as const, ranks: [] }), finish: () => undefined, cancel: () => {} };
}

