/**
 * One-sided communication (MPI_Win / mpi4py's Win): every rank exposes a typed array in a
 * window, and any rank reads and writes any other's part with Put, Get and the accumulates,
 * while the owner takes no part.
 *
 * All ranks are threads of one process, so a window is simply shared memory: every rank holds
 * views of every part (rma/memory.ts), and an RMA call is a copy or an atomic read-modify-write
 * done by the origin itself, complete when the call returns. Synchronisation calls are still
 * needed, for two reasons: MPI programs must be correct on real networks too, so the epoch rules
 * are enforced (rma/epochs.ts, ERR_RMA_SYNC); and plain stores by one thread are only guaranteed
 * visible to another after a synchronising atomic operation between them, which is what Fence,
 * Unlock, Complete/Wait and Flush provide (rma/fence-barrier.ts, locks.ts, pscw.ts).
 *
 * Displacements and counts are in elements of the target's part. An access outside the target's
 * part raises ERR_RMA_RANGE before anything is written.
 */
import { LOCK_EXCLUSIVE, LOCK_SHARED, PROC_NULL } from './constants.js';
import { hideCommunicator, trackResource } from './diagnostics/resources.js';
import { mpiError } from './errors.js';
import { Group } from './Group.js';
import type { Intracomm } from './Intracomm.js';
import { SUM, type Op } from './Op.js';
import { describe, type BufferSpec } from './protocol/buffers.js';
import { Request } from './Request.js';
import { isTypedArray, type TypedArray } from './protocol/dtypes.js';
import { accumulateOpFor, checkGroup, checkOperand, checkRank, checkSameType, checkSpan } from './rma/arguments.js';
import type { ElementValue } from './rma/atomic-cells.js';
import { checkAssertion, FENCE_MODES, NOCHECK_ONLY, POST_MODES } from './rma/assertions.js';
import { ControlBlock } from './rma/control-block.js';
import { ElementCopier } from './rma/element-copy.js';
import { Epochs } from './rma/epochs.js';
import { FenceBarrier } from './rma/fence-barrier.js';
import { WindowLocks } from './rma/locks.js';
import {
  allocateContiguous, allocateParts, checkArrayType, checkCount, describeUserPart, exchangeParts, type Segment, type WindowArrayType, type WindowMemory,
} from './rma/memory.js';
import { originElements, resultElements } from './rma/origin-buffers.js';
import { ActiveTarget } from './rma/pscw.js';

/** A Post/Start group: a Group, or the ranks in the window's communicator. */
export type WinGroup = Group | readonly number[];

export class Win<A extends TypedArray = TypedArray> {
  private freed = false;
  /** The window communicator's size, read on every RMA call's rank check. */
  private readonly size: number;
  private readonly epochs: Epochs;
  private readonly control: ControlBlock;
  private readonly barrier: FenceBarrier;
  private readonly locks: WindowLocks;
  private readonly activeTarget: ActiveTarget;
  private readonly copier = new ElementCopier();
  private readonly commRankOf = (worldRank: number): number => this.control.comm.commRankOf(worldRank);

  private constructor(
    /** A duplicate of the user's communicator, private to this window. */
    private readonly comm: Intracomm,
    private readonly memory: WindowMemory,
  ) {
    this.size = comm.size;
    this.epochs = new Epochs(this.size);
    trackResource(comm.state.runtime.engine, 'window', () => this.comm.name, () => this.freed);
    this.control = new ControlBlock(memory.control, comm.state);
    this.barrier = new FenceBarrier(this.control);
    this.locks = new WindowLocks(this.control);
    this.activeTarget = new ActiveTarget(this.control);
  }

  // ------------------------------------------------------------------ creation

  /** Allocate `count` elements of `ArrayType` on every rank and expose them (collective). */
  static Allocate<A extends TypedArray = Float64Array>(comm: Intracomm, count: number, ArrayType?: WindowArrayType<A>): Win<A> {
    const T = checkArrayType(ArrayType ?? Float64Array, 'Win.Allocate');
    const n = checkCount(count, 'Win.Allocate');
    const dup = windowComm(comm);
    return new Win<A>(dup, allocateParts(dup, n, T));
  }

  /**
   * Like Allocate, with every rank's part in one buffer, rank r's right after rank r-1's (MPI's
   * contiguous layout). `Shared_query(r)` gives a view of any rank's part.
   */
  static Allocate_shared<A extends TypedArray = Float64Array>(comm: Intracomm, count: number, ArrayType?: WindowArrayType<A>): Win<A> {
    const T = checkArrayType(ArrayType ?? Float64Array, 'Win.Allocate_shared');
    const n = checkCount(count, 'Win.Allocate_shared');
    const dup = windowComm(comm);
    return new Win<A>(dup, allocateContiguous(dup, n, T));
  }

  /** Expose memory the caller already holds in a SharedArrayBuffer (collective). */
  static Create<A extends TypedArray>(comm: Intracomm, memory: A): Win<A> {
    const part = describeUserPart(memory, 'Win.Create');
    const dup = windowComm(comm);
    return new Win<A>(dup, exchangeParts(dup, part, memory));
  }

  /** The window's name: its communicator's name with `.win` until Set_name; reports name the window by it. */
  get name(): string {
    return this.comm.name;
  }

  Get_name(): string {
    this.alive('Get_name');
    return this.comm.name;
  }

  Set_name(name: string): void {
    this.alive('Set_name');
    this.comm.Set_name(name);
  }

  /** This rank's part of the window. */
  get local(): A {
    this.alive('local');
    return this.memory.local as A;
  }

  /**
   * A live view of rank `rank`'s part, for plain loads and stores between synchronisations. Every
   * window lives in shared memory here, so this works on any window (MPI-4 allows it on all).
   * If ranks allocated different element types, the view has `rank`'s type.
   */
  Shared_query(rank: number): A {
    this.alive('Shared_query');
    return this.memory.segments[checkRank(rank, this.size, 'Shared_query')]!.view as A;
  }

  /** The group of the window's communicator. */
  Get_group(): Group {
    this.alive('Get_group');
    return this.comm.Get_group();
  }

  // ------------------------------------------------------------- data movement

  /** Copy `origin` into `targetRank`'s part, starting at element `targetDisp`. */
  Put(origin: BufferSpec, targetRank: number, targetDisp = 0): void {
    const seg = this.target(targetRank, 'Put');
    if (seg === null) return;
    const data = originElements(origin, 'Put');
    const at = checkSpan(seg, targetRank, data, targetDisp, data.length, 'Put');
    this.copier.copyIn(seg, at, data);
  }

  /** Copy `targetRank`'s elements from `targetDisp` on into `origin`. */
  Get(origin: BufferSpec, targetRank: number, targetDisp = 0): void {
    const seg = this.target(targetRank, 'Get');
    if (seg === null) return;
    if (isTypedArray(origin)) return this.getInto(seg, targetRank, origin, targetDisp);
    const result = resultElements(origin, 'Get');
    this.getInto(seg, targetRank, result.elements, targetDisp);
    result.done();
  }

  /** Combine `origin` into the target's elements with `op`, atomically per element. */
  Accumulate(origin: BufferSpec, targetRank: number, targetDisp = 0, op: Op = SUM): void {
    const seg = this.target(targetRank, 'Accumulate');
    if (seg === null) return;
    const data = originElements(origin, 'Accumulate');
    const name = accumulateOpFor(seg, op, 'Accumulate');
    const at = checkSpan(seg, targetRank, data, targetDisp, data.length, 'Accumulate');
    const values = data as unknown as ArrayLike<ElementValue>;
    for (let k = 0; k < values.length; k++) seg.cells.fetchAndOp(at + k, values[k]!, name);
  }

  /**
   * Like Accumulate, and `result` receives the target's elements as they were before. With
   * NO_OP, `origin` may be null (an atomic read of `result.length` elements).
   */
  Get_accumulate(origin: BufferSpec | null, result: BufferSpec, targetRank: number, targetDisp = 0, op: Op = SUM): void {
    const seg = this.target(targetRank, 'Get_accumulate');
    if (seg === null) return;
    const name = accumulateOpFor(seg, op, 'Get_accumulate');
    const out = resultElements(result, 'Get_accumulate');
    const data = origin === null && name === 'NO_OP' ? null : originElements(origin!, 'Get_accumulate');
    if (data !== null && data.length !== out.elements.length) {
      throw mpiError('ERR_COUNT', `Get_accumulate: origin has ${data.length} element(s) but result has ${out.elements.length}; they must match`);
    }
    const at = checkSpan(seg, targetRank, out.elements, targetDisp, out.elements.length, 'Get_accumulate');
    if (data !== null) checkSameType(seg, targetRank, data, 'Get_accumulate');
    const values = data as unknown as ArrayLike<ElementValue> | null;
    const olds = out.elements as unknown as { [i: number]: ElementValue; length: number };
    for (let k = 0; k < olds.length; k++) olds[k] = seg.cells.fetchAndOp(at + k, values === null ? olds[k]! : values[k]!, name);
    out.done();
  }

  /** One-element Get_accumulate: set the target element to op(element, value); returns its old value. */
  Fetch_and_op(value: ElementValue, targetRank: number, targetDisp = 0, op: Op = SUM): ElementValue | undefined {
    const seg = this.target(targetRank, 'Fetch_and_op');
    if (seg === null) return undefined;
    const name = accumulateOpFor(seg, op, 'Fetch_and_op');
    const at = checkSpan(seg, targetRank, null, targetDisp, 1, 'Fetch_and_op');
    // NO_OP ignores its operand (an atomic read), so `value` may be anything then.
    const operand = name !== 'NO_OP' ? checkOperand(seg, targetRank, value, 'value', 'Fetch_and_op') : seg.cells.bigint ? 0n : 0;
    return seg.cells.fetchAndOp(at, operand, name);
  }

  /** Replace the target element by `value` if it equals `compare`, atomically; returns its old value. */
  Compare_and_swap(value: ElementValue, compare: ElementValue, targetRank: number, targetDisp = 0): ElementValue | undefined {
    const seg = this.target(targetRank, 'Compare_and_swap');
    if (seg === null) return undefined;
    const at = checkSpan(seg, targetRank, null, targetDisp, 1, 'Compare_and_swap');
    const v = checkOperand(seg, targetRank, value, 'value', 'Compare_and_swap');
    const c = checkOperand(seg, targetRank, compare, 'compare', 'Compare_and_swap');
    return seg.cells.compareAndSwap(at, c, v);
  }

  // ------------------------------------------------------ request-based

  // MPI allows these in passive-target epochs only. An operation here is complete when it
  // returns, so each gives back a request that is already complete.

  /** Put, as a request (inside a Lock/Lock_all epoch only). */
  Rput(origin: BufferSpec, targetRank: number, targetDisp = 0): Request {
    this.checkRequestBased(targetRank, 'Rput');
    this.Put(origin, targetRank, targetDisp);
    return new Request(null);
  }

  /** Get, as a request (inside a Lock/Lock_all epoch only): `origin` is filled when it returns. */
  Rget(origin: BufferSpec, targetRank: number, targetDisp = 0): Request {
    this.checkRequestBased(targetRank, 'Rget');
    this.Get(origin, targetRank, targetDisp);
    return new Request(null);
  }

  Raccumulate(origin: BufferSpec, targetRank: number, targetDisp = 0, op: Op = SUM): Request {
    this.checkRequestBased(targetRank, 'Raccumulate');
    this.Accumulate(origin, targetRank, targetDisp, op);
    return new Request(null);
  }

  Rget_accumulate(origin: BufferSpec | null, result: BufferSpec, targetRank: number, targetDisp = 0, op: Op = SUM): Request {
    this.checkRequestBased(targetRank, 'Rget_accumulate');
    this.Get_accumulate(origin, result, targetRank, targetDisp, op);
    return new Request(null);
  }

  // --------------------------------------------------- active target: fence

  /**
   * End the current fence epoch and start the next (collective over the window). `assertion`:
   * MODE_NOPRECEDE (no RMA to complete; checked), MODE_NOSUCCEED (no epoch starts: RMA before
   * the next Fence raises ERR_RMA_SYNC), MODE_NOSTORE, MODE_NOPUT (hints).
   */
  Fence(assertion = 0): void {
    this.alive('Fence');
    this.epochs.fenceCall(checkAssertion(assertion, FENCE_MODES, 'Fence'));
    this.barrier.arriveAndWait('Win.Fence');
  }

  // ---------------------------------------------------------- passive target

  /** Start an access epoch on `rank` alone; the target takes no part. `assertion`: 0 or MODE_NOCHECK (a hint). */
  Lock(rank: number, lockType: number = LOCK_EXCLUSIVE, assertion = 0): void {
    this.alive('Lock');
    checkAssertion(assertion, NOCHECK_ONLY, 'Lock');
    if (lockType !== LOCK_EXCLUSIVE && lockType !== LOCK_SHARED) {
      throw mpiError('ERR_ARG', `Lock: lockType must be LOCK_EXCLUSIVE (${LOCK_EXCLUSIVE}) or LOCK_SHARED (${LOCK_SHARED}), got ${describe(lockType)}`);
    }
    const t = this.rankOrNull(rank, 'Lock');
    if (t === null) return;
    const exclusive = lockType === LOCK_EXCLUSIVE;
    this.epochs.lock(t, exclusive);
    this.locks.acquire(t, exclusive, 'Lock');
  }

  /** End the access epoch on `rank`: every operation to it is complete and visible. */
  Unlock(rank: number): void {
    this.alive('Unlock');
    const t = this.rankOrNull(rank, 'Unlock');
    if (t === null) return;
    this.locks.release(t, this.epochs.unlock(t));
  }

  /** A shared lock on every rank. */
  Lock_all(assertion = 0): void {
    this.alive('Lock_all');
    checkAssertion(assertion, NOCHECK_ONLY, 'Lock_all');
    this.epochs.lockAllCall();
    for (let t = 0; t < this.size; t++) this.locks.acquire(t, false, 'Lock_all');
  }

  Unlock_all(): void {
    this.alive('Unlock_all');
    this.epochs.unlockAllCall();
    for (let t = 0; t < this.size; t++) this.locks.release(t, false);
  }

  /**
   * Complete every operation to `rank` without ending the epoch. Operations here complete when
   * they return, so what is left is ordering: a full memory barrier, so stores issued before the
   * Flush are visible to other ranks before anything this rank does after it.
   */
  Flush(rank: number): void {
    this.alive('Flush');
    const t = this.rankOrNull(rank, 'Flush');
    if (t === null) return;
    this.epochs.checkPassive(t, 'Flush');
    this.control.memoryBarrier();
  }

  Flush_all(): void {
    this.alive('Flush_all');
    this.epochs.checkPassive(null, 'Flush_all');
    this.control.memoryBarrier();
  }

  /** Local completion: the origin buffers may be reused. Always true here once a call returns; kept for MPI programs. */
  Flush_local(rank: number): void {
    this.Flush(rank);
  }

  Flush_local_all(): void {
    this.Flush_all();
  }

  /** Make this rank's plain stores to shared parts visible and see others' (MPI_Win_sync). */
  Sync(): void {
    this.alive('Sync');
    this.control.memoryBarrier();
  }

  // ------------------------------------------------- active target: PSCW

  /** Expose this rank's part to the ranks of `group` until Wait (never blocks). */
  Post(group: WinGroup, assertion = 0): void {
    this.alive('Post');
    checkAssertion(assertion, POST_MODES, 'Post');
    const origins = checkGroup(group, this.size, this.commRankOf, 'Post');
    this.epochs.postCall(origins);
    this.activeTarget.post(origins);
  }

  /** Start an access epoch to the ranks of `group`; waits until each has posted. */
  Start(group: WinGroup, assertion = 0): void {
    this.alive('Start');
    checkAssertion(assertion, NOCHECK_ONLY, 'Start');
    const targets = checkGroup(group, this.size, this.commRankOf, 'Start');
    this.epochs.startCall(targets);
    this.activeTarget.start(targets, 'Win.Start');
  }

  /** End the access epoch started by Start. */
  Complete(): void {
    this.alive('Complete');
    this.activeTarget.complete(this.epochs.completeCall());
  }

  /** End the exposure epoch started by Post: waits until every origin has called Complete. */
  Wait(): void {
    this.alive('Wait');
    this.activeTarget.wait(this.epochs.exposureGroup('Wait()'), 'Win.Wait');
    this.epochs.endExposure();
  }

  /** Wait without blocking: true (and the exposure epoch ends) once every origin has completed. */
  Test(): boolean {
    this.alive('Test');
    const origins = this.epochs.exposureGroup('Test()');
    this.control.comm.runtime.waiter.poll();
    if (!this.activeTarget.test(origins)) return false;
    this.epochs.endExposure();
    return true;
  }

  // ------------------------------------------------------------------- freeing

  /** Release the window (collective): waits until no rank can still be accessing it. */
  Free(): void {
    this.alive('Free');
    this.epochs.checkFree();
    this.barrier.arriveAndWait('Win.Free');
    this.freed = true;
    this.comm.Free();
  }

  // ----------------------------------------------------------------- internals

  private alive(call: string): void {
    if (this.freed) throw mpiError('ERR_WIN', `${call}: the window was freed`);
  }

  private checkRequestBased(targetRank: unknown, call: string): void {
    this.alive(call);
    const t = this.rankOrNull(targetRank, call);
    if (t !== null) this.epochs.checkPassive(t, call);
  }

  private rankOrNull(rank: unknown, call: string): number | null {
    return rank === PROC_NULL ? null : checkRank(rank, this.size, call);
  }

  /** The target's part for an RMA call, after the epoch check; null for PROC_NULL (a no-op). */
  private target(targetRank: unknown, call: string): Segment | null {
    this.alive(call);
    const t = this.rankOrNull(targetRank, call);
    if (t === null) return null;
    this.epochs.checkAccess(t, call);
    return this.memory.segments[t]!;
  }

  private getInto(seg: Segment, targetRank: number, into: TypedArray, disp: unknown): void {
    const at = checkSpan(seg, targetRank, into, disp, into.length, 'Get');
    this.copier.copyOut(seg, at, into);
  }
}

/**
 * A duplicate of `comm` for the window alone, named after it: waits and leftovers reports say
 * `WORLD.win`. An unfreed window is one leftover, not a window and a communicator.
 */
function windowComm(comm: Intracomm): Intracomm {
  const dup = comm.Dup();
  dup.Set_name(`${comm.name}.win`);
  hideCommunicator(dup.state);
  return dup;
}
