/**
 * Driving a collective's schedule. One driver serves both forms of every collective:
 *
 *   blocking      `runBlocking` parks the rank in the waiter until the run is complete;
 *   nonblocking   the run is a Request's work: `isComplete()` advances the schedule as far as it
 *                 can without blocking, so wait(), test() and `await` all move it forward.
 *
 * A nonblocking run also registers with its engine's pollers while it is in flight, so any MPI
 * call that makes progress (a blocking Recv, another collective) advances it too. MPI requires
 * that: a rank blocked elsewhere may be the tree node another rank waits on.
 *
 * When a step completes, its receives are checked: a message of another size or element type than
 * this rank expected means the ranks called the collective with different arguments, which is
 * raised as ERR_COLL_MISMATCH naming both ranks.
 */
import { ANY_SOURCE, ANY_TAG } from '../constants.js';
import { mpiError } from '../errors.js';
import { DtypeCode } from '../protocol/dtypes.js';
import type { RequestWork } from '../Request.js';
import type { CommState } from '../runtime/comm-state.js';
import type { Status } from '../Status.js';
import { RecvMode, RecvOp, SendOp, type WaitTarget } from '../transport/ops.js';
import { OpGroup, type PointOp, type Schedule, type Step } from './exchange.js';

/** What names a call in reports: the call with its arguments, built only when a report needs it. */
export interface Labelled {
  label(): string;
}

export class CollectiveRun<R> implements RequestWork {
  private step: Step | null = null;
  private done = false;
  private running = false;
  private value: R | undefined = undefined;
  private failure: unknown = null;
  /**
   * Set after the first advance, for a nonblocking run still in flight. Null until then, not
   * undefined: a run that completes within its constructor settles before it is assigned, and
   * must find no poller of its own to remove.
   */
  private poller: (() => boolean) | null = null;

  constructor(
    private readonly comm: CommState,
    private readonly schedule: Schedule<R>,
    /** The call with its arguments, e.g. `Bcast(root=0, comm=WORLD)`, for reports. */
    private readonly call: Labelled,
    nonblocking: boolean,
    /** Maps the schedule's result to the call's; null: the result as it is. */
    private readonly finishing: ((result: never) => unknown) | null = null,
  ) {
    this.advance();
    this.poller = nonblocking && !this.done ? () => this.poll() : null;
    if (this.poller !== null) comm.runtime.engine.pollers.push(this.poller);
  }

  isComplete(): boolean {
    if (!this.done && this.step!.isComplete()) this.advance();
    return this.done;
  }

  describe(): string {
    return this.call.label();
  }

  waitTarget(): WaitTarget {
    return this.step?.waitTarget() ?? { kind: 'none', ranks: [] };
  }

  /** The schedule's result; throws what made the collective fail. */
  finish(status: Status | undefined): R {
    // A collective's status is MPI's empty status.
    status?.assign({ source: ANY_SOURCE, tag: ANY_TAG, byteCount: 0, dtype: DtypeCode.UINT8 });
    if (this.failure !== null) throw this.failure;
    return this.value as R;
  }

  cancel(): void {
    throw mpiError('ERR_REQUEST', `${this.call.label()}: a nonblocking collective cannot be cancelled (MPI forbids it); wait for it instead`);
  }

  /** Engine poller: true when this run moved on. */
  private poll(): boolean {
    const before = this.step;
    this.isComplete();
    return this.step !== before || this.done;
  }

  /** Resume the schedule until it waits for something not yet complete, or ends. */
  private advance(): void {
    // A user reduction function that itself calls MPI could re-enter us through the pollers.
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.step !== null) this.check(this.step);
        const next = this.schedule.next();
        if (next.done === true) {
          this.value = (this.finishing === null ? next.value : this.finishing(next.value as never)) as R;
          return this.settle();
        }
        this.step = next.value;
        if (!this.step.isComplete()) return;
      }
    } catch (error) {
      this.failure = error;
      this.settle();
    } finally {
      this.running = false;
    }
  }

  private settle(): void {
    this.done = true;
    this.step = null;
    if (this.poller !== null) {
      const pollers = this.comm.runtime.engine.pollers;
      pollers.splice(pollers.indexOf(this.poller), 1);
    }
  }

  /** Shared-memory waits carry no messages, so only message steps are checked. */
  private check(step: Step): void {
    if (step instanceof OpGroup) for (const op of step.ops) this.checkOp(op);
    else if (step instanceof SendOp || step instanceof RecvOp) this.checkOp(step);
  }

  private checkOp(op: PointOp): void {
    if (op.error !== null) {
      // Truncation or a type mismatch on a collective's context: the other rank passed other arguments.
      const peer = op instanceof RecvOp ? this.comm.commRankOf(op.srcWorld) : this.comm.commRankOf(op.dest);
      throw mpiError('ERR_COLL_MISMATCH', `${this.call.label()}: rank ${this.comm.rank} and rank ${peer} called it with different counts or element types (${op.error.message})`);
    }
    if (op instanceof RecvOp && op.mode === RecvMode.TYPED && op.byteCount !== op.target!.length) {
      const peer = this.comm.commRankOf(op.srcWorld);
      throw mpiError('ERR_COLL_MISMATCH', `${this.call.label()}: rank ${this.comm.rank} expected ${op.target!.length} bytes from rank ${peer} but received ${op.byteCount}; the ranks called it with different counts`);
    }
  }
}

/** Run a collective to completion in the calling rank. */
export function runBlocking<R>(comm: CommState, schedule: Schedule<unknown>, call: Labelled, finish: ((result: never) => R) | null = null): R {
  const run = new CollectiveRun<R>(comm, schedule as Schedule<R>, call, false, finish);
  comm.runtime.waiter.wait(run);
  return run.finish(undefined);
}
