/**
 * The one waiting strategy of a rank (STYLE.md: crossbeam's Backoff): poll the engine, spin a
 * little while the wait is likely short, then park on the rank's doorbell with Atomics.wait (or
 * Atomics.waitAsync for awaited requests), so a blocked rank uses no CPU.
 *
 * Every blocking call goes through here, which is what lets the launcher's deadlock detector see
 * every wait: a rank that parks publishes BLOCKED in its rank line; a rank that makes progress
 * publishes RUNNING and bumps its unblock counter. On request (the detector rings the doorbell),
 * a parked rank writes what it is blocked in and where in the user's program.
 */
import { Backoff } from '@threadmpi/atomics';
import { mpiError } from '../errors.js';
import type { Engine } from '../transport/engine.js';
import {
  AbortKind, JOB_ABORT, JOB_ABORT_KIND, JOB_ABORT_RANK, RANK_DESCRIBE_DONE, RANK_DESCRIBE_REQUEST,
  RANK_STATE, RANK_STATE_SINCE, RANK_TEXT_LENGTH, RANK_UNBLOCKS, RankState, type JobMemory,
} from '../transport/layout.js';
import type { Waitable } from '../transport/ops.js';
import { encodeBlockedWait } from '../diagnostics/blocked-description.js';
import { stampStateChange } from '../diagnostics/state-clock.js';
import { eventLoopHasOtherWork } from '../diagnostics/event-loop.js';

/** Longest park before re-checking abort and describe requests without being rung (belt and braces). */
const PARK_MS = 500;

export class Waiter {
  private readonly backoff: Backoff;
  private readonly control: Int32Array;
  private readonly stateWord: number;
  private readonly unblocksWord: number;
  private readonly requestWord: number;
  private readonly doneWord: number;
  private readonly textLengthWord: number;
  private readonly text: Uint8Array;
  private blocked = false;

  constructor(private readonly engine: Engine, private readonly mem: JobMemory, private readonly rank: number) {
    this.backoff = new Backoff({ threads: mem.shape.size });
    this.control = mem.control;
    this.stateWord = mem.rankWord(rank, RANK_STATE);
    this.unblocksWord = mem.rankWord(rank, RANK_UNBLOCKS);
    this.requestWord = mem.rankWord(rank, RANK_DESCRIBE_REQUEST);
    this.doneWord = mem.rankWord(rank, RANK_DESCRIBE_DONE);
    this.textLengthWord = mem.rankWord(rank, RANK_TEXT_LENGTH);
    this.text = mem.describeText(rank);
  }

  /** Block the thread until `w` completes. */
  wait(w: Waitable): void {
    if (w.isComplete()) return;
    const engine = this.engine;
    const backoff = this.backoff;
    backoff.reset();
    for (;;) {
      if (engine.progress()) {
        this.unblocked();
        if (w.isComplete()) return;
        backoff.reset();
        continue;
      }
      // A wait on shared memory (RMA locks, fences) completes without engine progress: leave BLOCKED too.
      if (w.isComplete()) return this.unblocked();
      this.checkAbort();
      if (backoff.shouldPark()) {
        w.beforePark?.();
        if (this.park(w)) backoff.reset();
      }
    }
  }

  /**
   * Sleep on the doorbell until rung (or PARK_MS). Returns true, without sleeping, when a last look
   * after announcing the sleep found something to do.
   *
   * Doorbells are rung only when someone announced a sleep (atomics' Doorbell), so everything the
   * rank could be woken for (a record, `w` completing, an abort, a describe request) is checked
   * again after the announcement: whatever arrived before it rang nobody, and is caught here.
   */
  private park(w: Waitable): boolean {
    const bell = this.engine.doorbell;
    const ticket = bell.prepareSleep();
    if (this.engine.progress()) {
      bell.cancelSleep();
      this.unblocked();
      return true;
    }
    if (w.isComplete() || this.aborting()) {
      bell.cancelSleep();
      return true;
    }
    this.parking(w);
    bell.sleep(ticket, PARK_MS);
    return false;
  }

  /** Wait for `w` without blocking the event loop (an awaited Request). */
  async waitAsync(w: Waitable): Promise<void> {
    const engine = this.engine;
    const bell = engine.doorbell;
    for (;;) {
      if (engine.progress()) this.unblocked();
      if (w.isComplete()) return;
      this.checkAbort();
      const ticket = bell.prepareSleep();
      // The last look after announcing the sleep, as in park().
      if (engine.progress() || w.isComplete() || this.aborting()) {
        bell.cancelSleep();
        continue;
      }
      // Awaiting leaves the event loop running: while a timer or I/O callback of the program is
      // pending, it may still send, so the rank does not count as blocked.
      if (eventLoopHasOtherWork()) this.unblocked();
      else this.parking(w);
      await bell.sleepAsync(ticket, PARK_MS);
    }
  }

  /** Poll once (test/iprobe): progress without blocking. */
  poll(): void {
    if (this.engine.progress()) this.unblocked();
    this.checkAbort();
  }

  private aborting(): boolean {
    return Atomics.load(this.control, JOB_ABORT) !== 0;
  }

  checkAbort(): void {
    if (!this.aborting()) return;
    const kind = this.control[JOB_ABORT_KIND]!;
    const by = this.control[JOB_ABORT_RANK]!;
    const why =
      kind === AbortKind.DEADLOCK ? 'a deadlock was detected'
      : kind === AbortKind.TIMEOUT ? 'the job timed out'
      : kind === AbortKind.ABORT_CALLED ? `rank ${by} called Abort`
      : kind === AbortKind.RANK_FAILED ? `rank ${by} failed`
      : 'the job was stopped';
    throw mpiError('ERR_ABORTED', `rank ${this.rank} stopped because ${why}`);
  }

  /** Publish BLOCKED on the first park of a wait, and answer describe requests while parked. */
  private parking(w: Waitable): void {
    if (!this.blocked) {
      this.blocked = true;
      stampStateChange(this.control, this.mem.rankWord(this.rank, RANK_STATE_SINCE));
      Atomics.store(this.control, this.stateWord, RankState.BLOCKED);
    }
    const request = Atomics.load(this.control, this.requestWord);
    if (request !== this.control[this.doneWord]) this.describe(w, request);
  }

  private unblocked(): void {
    if (!this.blocked) return;
    this.blocked = false;
    Atomics.store(this.control, this.stateWord, RankState.RUNNING);
    Atomics.add(this.control, this.unblocksWord, 1);
  }

  private describe(w: Waitable, request: number): void {
    const report = encodeBlockedWait(w, this.engine, this.text.length);
    const { written } = new TextEncoder().encodeInto(report, this.text);
    Atomics.store(this.control, this.textLengthWord, written);
    // DONE last: the launcher reads the text only after it sees DONE equal to its request.
    Atomics.store(this.control, this.doneWord, request);
  }

  /** This rank's function returned or threw: it will never satisfy anyone again. */
  finish(failed: boolean): void {
    stampStateChange(this.control, this.mem.rankWord(this.rank, RANK_STATE_SINCE));
    Atomics.store(this.control, this.stateWord, failed ? RankState.FAILED : RankState.FINISHED);
    Atomics.add(this.control, this.unblocksWord, 1);
  }
}
