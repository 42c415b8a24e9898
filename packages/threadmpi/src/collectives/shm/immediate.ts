/**
 * Short blocking collectives on the segment, run straight through instead of as a schedule.
 *
 * A blocking 8-byte Allreduce between two ranks is one segment step: publish, wait, fold, about
 * 0.2 us of memory traffic on the development machine. Run as a schedule (planned call, Exchange,
 * generator, CollectiveRun, CollBuffers, TypedReduction, the argument strings of its checks) it
 * cost 2 to 4 us. So the blocking calls of the commonest short shapes first try `allreduceNow`
 * or `reduceNow` here, which recognise a call the scheduled path would run as one step of
 * shm_flat (and `barrierNow`, the segment's barrier), and do exactly what that would do: the
 * same ledger entry, the same tag and step reservations (so ranks taking either
 * path stay in step; which one a rank takes may differ, the segment of the first call arrives at
 * different times), the same fold, and waits in the rank's waiter, naming the call as the
 * scheduled run would in a deadlock report.
 *
 * The mismatch check differs in when, not what. The scheduled path compares the ledger entries
 * of every member at entry, reading a line each peer wrote a moment ago: a cache-line transfer
 * per peer, about a third of a short call. Here each rank leaves its call's mark next to its step
 * (Segment.mark), where the peers read the step and the data anyway, and compares the ledger
 * only if some member's mark differs, or before parking (a mismatched member may never come), or
 * when it reads no one's step (a Reduce's non-root). See recordCollective for why that is as sound.
 *
 * Anything it does not recognise (a datatype, IN_PLACE mistakes, wrong counts or types, a freed
 * communicator or op, a forced algorithm, more than one chunk, no segment yet) returns false
 * before touching any state, and the scheduled path checks and runs the call as usual: every error
 * is raised there, with its message.
 */
import { IN_PLACE } from '../../constants.js';
import { checkCollective, recordCollective, type CollectiveSignature } from '../../diagnostics/collective-ledger.js';
import { Op, SUM } from '../../Op.js';
import { DtypeCode, dtypeOf, ELEMENT_BYTES, isTypedArray, type TypedArray } from '../../protocol/dtypes.js';
import type { CommState } from '../../runtime/comm-state.js';
import type { WaitTarget, Waitable } from '../../transport/ops.js';
import { labelOf } from '../exchange.js';
import type { Collective } from '../registry.js';
import { selectEntry, type Overrides, type SelectQuery } from '../select.js';
import { collectiveState } from '../state.js';
import { chunkBytes, foldPublished, publishChunk, type Folding } from './chunks.js';
import type { Segment } from './segment.js';

/**
 * Run `Allreduce(sendbuf, recvbuf, op)` now if it is one shm_flat step on an attached segment.
 * Returns false, having changed nothing, when the call is for the scheduled path.
 */
export function allreduceNow(comm: CommState, call: string, sendbuf: unknown, recvbuf: unknown, op: unknown): boolean {
  return flatStepNow(comm, call, 'allreduce', sendbuf, recvbuf, true, op, undefined);
}

/** `Reduce(sendbuf, recvbuf, op, root)` likewise: the root folds, the others only publish. */
export function reduceNow(comm: CommState, call: string, sendbuf: unknown, recvbuf: unknown, op: unknown, root: unknown): boolean {
  if (typeof root !== 'number' || !Number.isInteger(root) || root < 0 || root >= comm.size) return false;
  return flatStepNow(comm, call, 'reduce', sendbuf, recvbuf, comm.rank === root, op, root);
}

/**
 * One step of shm_flat (chunks.ts flatRounds with one chunk): publish this rank's vector, and,
 * when it `folds`, wait for every member's and fold them into `recvbuf`.
 */
function flatStepNow(
  comm: CommState, call: string, collective: 'allreduce' | 'reduce', sendbuf: unknown, recvbuf: unknown, folds: boolean, op: unknown,
  root: number | undefined,
): boolean {
  if (comm.size === 1 || comm.freed || !(op instanceof Op)) return false;
  const inPlace = sendbuf === IN_PLACE;
  if (folds) {
    if (!isTypedArray(recvbuf)) return false;
    // Prototypes, not constructors: the same test for typed arrays, and loading `constructor` costs some 13 ns.
    if (!inPlace && !(isTypedArray(sendbuf) && Object.getPrototypeOf(sendbuf) === Object.getPrototypeOf(recvbuf) && sendbuf.length === recvbuf.length)) return false;
  } else if (!isTypedArray(sendbuf)) {
    return false;
  }
  const input = (inPlace ? recvbuf : sendbuf) as TypedArray;
  const n = input.length;
  const code = dtypeOf(input);
  const e = ELEMENT_BYTES[code]!;
  // Paired operations and user functions keep their checks and units on the scheduled path.
  if (n === 0 || n * e > chunkBytes(e) || op.unit !== 1 || op.predefinedName === null) return false;
  const state = collectiveState(comm);
  const seg = state.segment;
  // An earlier call still in flight here goes first (segment.ts): the scheduled path waits for it.
  if (seg === null || !seg.attached || !seg.idle) return false;
  const now = current;
  if (!now.selects('shm_flat', state.overrides, collective, comm.size, n * e, op.commutative)) return false;

  // Every check of the scheduled path before this one passes for such a call, so it raises what
  // that path would (a bitwise operation on floats). From here on, what begin() and shm_flat do.
  op.checkTyped(code, input, n, call);
  state.nextTag();
  const s = now.start(comm, seg, call, op, code, n, root);
  // A rank that only publishes never reads its peers' marks: it compares their entries now.
  if (!folds) now.verify();
  if (!seg.allReached(s - 1)) now.waitFor(s - 1);
  seg.mark(s, now.mark);
  publishChunk(seg, s, input, code, 0, n);
  if (folds) {
    if (!seg.allReached(s)) now.waitFor(s);
    if (!seg.allMarked(s, now.mark)) now.verify();
    foldPublished(now, seg, s, n * e, 0, inPlace ? null : input, 0, recvbuf as TypedArray, 0, n);
  }
  seg.finish(s);
  now.end();
  return true;
}

/** `Barrier()` now if the selection runs the segment's barrier and the segment is up and idle. */
export function barrierNow(comm: CommState, call: string): boolean {
  if (comm.size === 1 || comm.freed) return false;
  const state = collectiveState(comm);
  const seg = state.segment;
  if (seg === null || !seg.attached || !seg.idle) return false;
  const now = current;
  if (!now.selects('shm', state.overrides, 'barrier', comm.size, 0, true)) return false;
  // What begin() and barrier/shm.ts do: a step of its own orders it among the segment's calls.
  state.nextTag();
  const s = now.start(comm, seg, call, null, DtypeCode.UINT8, undefined, undefined);
  // Marked before arriving: once released, every member's mark for s is there to read.
  seg.mark(s, now.mark);
  if (!seg.arriveLast()) now.waitForRelease();
  if (!seg.allMarked(s, now.mark)) now.verify();
  seg.publish(s);
  seg.finish(s);
  now.end();
  return true;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The call in progress: what the scheduled path allocates per call (the selection query, the
 * ledger signature, the reduction, the wait) filled in instead, since a call here would otherwise
 * leave some 200 bytes of garbage, a scavenge every few tens of milliseconds at full speed, each
 * stalling the peers that wait for this rank. One per thread will do: a rank has its thread to
 * itself, and a call here does not re-enter (predefined operations only). While it waits, it is
 * the Waitable, described as the call itself (as CollectiveRun describes a scheduled one).
 */
class ImmediateCall implements Folding, Waitable {
  private readonly query: Mutable<SelectQuery> = { collective: 'allreduce', commSize: 0, bytes: 0, commutative: true, values: false };
  /** The built-in decision for the shape `query` holds ('' when it holds none). */
  private decided = '';
  readonly signature: Mutable<CollectiveSignature> = { name: '', root: undefined, op: undefined, count: undefined, dtype: undefined };
  op: Op = SUM;
  code: DtypeCode = DtypeCode.FLOAT64;
  elementBytes = 8;
  /** The call's mark (collective-ledger.ts recordCollective), left in the segment for its step. */
  mark = 0;
  private checked = true;
  private comm: CommState | null = null;
  private seg: Segment | null = null;
  /** The call's step. */
  private reservedStep = 0;
  /** What the wait is for: every member at `step`, or (`release`) the barrier's release. */
  private step = 0;
  private release = false;

  /**
   * Whether the selection runs `algorithm` for a typed call of this shape. Remembers the built-in
   * decision for the last shape: a loop repeats one call, and a selection is a decision and a
   * registry search. Only that one: a forced algorithm or rules may come and go between any two
   * calls (setCollectiveAlgorithm changes the job's overrides in place), so with any in force the
   * selection runs every time.
   */
  selects(algorithm: string, overrides: Overrides, collective: Collective, commSize: number, bytes: number, commutative: boolean): boolean {
    const q = this.query;
    const builtIn = overrides.forced.size === 0 && overrides.rules === null;
    if (!builtIn || this.decided === '' || collective !== q.collective || commSize !== q.commSize || bytes !== q.bytes || commutative !== q.commutative) {
      q.collective = collective;
      q.commSize = commSize;
      q.bytes = bytes;
      q.commutative = commutative;
      const name = selectEntry(q, overrides).name;
      this.decided = builtIn ? name : '';
      return name === algorithm;
    }
    return this.decided === algorithm;
  }

  /**
   * Begin the call as begin() does, after its tag: its ledger entry and its step (returned). `op` null: a
   * call without one (the barrier), whose signature has no op, count or type.
   */
  start(comm: CommState, seg: Segment, call: string, op: Op | null, code: DtypeCode, count: number | undefined, root: number | undefined): number {
    this.comm = comm;
    this.seg = seg;
    this.op = op ?? SUM;
    this.code = code;
    this.elementBytes = ELEMENT_BYTES[code]!;
    const sig = this.signature;
    sig.name = call;
    sig.root = root;
    sig.op = op?.name;
    sig.count = count;
    sig.dtype = count === undefined ? undefined : code;
    this.mark = recordCollective(comm, sig);
    this.checked = this.mark === 0;
    return (this.reservedStep = seg.reserve(1));
  }

  /**
   * Compare the call's ledger entry with every member's (once), as the scheduled path does at
   * entry. Needed unless every member left the same mark for the step: before returning, and
   * before parking, since a mismatched member may never come. On a mismatch the call ends here,
   * and leaves the segment idle for whatever the rank does with the error.
   */
  verify(): void {
    if (this.checked) return;
    this.checked = true;
    try {
      checkCollective(this.comm!);
    } catch (e) {
      this.seg!.finish(this.reservedStep);
      this.end();
      throw e;
    }
  }

  beforePark(): void {
    this.verify();
  }

  /** Wait in the rank's waiter until every member has published step s. */
  waitFor(s: number): void {
    this.step = s;
    this.release = false;
    this.comm!.runtime.waiter.wait(this);
  }

  /** Wait in the rank's waiter until the barrier round this rank arrived at is released. */
  waitForRelease(): void {
    this.release = true;
    this.comm!.runtime.waiter.wait(this);
  }

  /** Let go of the call's objects. */
  end(): void {
    this.comm = null;
    this.seg = null;
  }

  isComplete(): boolean {
    return this.release ? this.seg!.released() : this.seg!.allReached(this.step);
  }

  describe(): string {
    return labelOf(this.signature, this.comm!.name);
  }

  waitTarget(): WaitTarget {
    return { kind: 'rank', ranks: this.release ? this.seg!.othersOfBarrier() : this.seg!.lateFor(this.step, -1) };
  }
}

const current = new ImmediateCall();
