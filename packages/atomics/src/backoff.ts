/**
 * The one waiting strategy every blocking primitive uses (after crossbeam's `Backoff`): spin while
 * the wait is likely to be short, then tell the caller to park on `Atomics.wait`. Tuning for
 * oversubscription (more threads than cores) happens here only.
 *
 * The budget is time, not a count of polls: a poll of a rich condition (every ring of a job) costs
 * many times a poll of one word, and what matters is how long a waiter may hold a core. The clock
 * is read only after FREE_POLLS polls, so the common short wait never pays for it.
 *
 * Why the budget is short even when the threads fit on the cores: a spinning waiter only helps
 * while its partner runs on another core. When something else takes that core (the system, a
 * compiler or GC thread), the partner lands on the waiter's core, and every hand-off between them
 * then costs the waiter's whole budget before it parks and lets the partner run. A budget of tens
 * of microseconds covers a round trip between cores many times over and keeps that collapse cheap.
 * When the threads outnumber the cores, a spinning waiter steals the core the thread it waits
 * for needs, so it parks after a few polls.
 */
import { availableParallelism } from 'node:os';

export interface BackoffOptions {
  /** Microseconds to spin before parking; 0 parks at the first failed poll. Default: by `threads`. */
  spinUs?: number;
  /** How many threads compete for the cores; used to pick the default spin budget. */
  threads?: number;
}

/** Spin budget while the threads fit on the cores. */
export const SPIN_US = 50;
/** Spin budget when the threads outnumber the cores: just the free polls. */
export const OVERSUBSCRIBED_SPIN_US = 1;
/** Polls before the clock is first read. */
const FREE_POLLS = 32;
/** After that, the clock is read every this many polls (a power of two). */
const CLOCK_EVERY = 8;

export function defaultSpinUs(threads: number): number {
  return threads <= availableParallelism() ? SPIN_US : OVERSUBSCRIBED_SPIN_US;
}

export class Backoff {
  readonly spinUs: number;
  private polls = 0;
  private deadline = 0;

  constructor(options: BackoffOptions = {}) {
    this.spinUs = options.spinUs ?? defaultSpinUs(options.threads ?? 1);
  }

  /** Start a new wait. */
  reset(): void {
    this.polls = 0;
  }

  /** Count one unsuccessful poll. Returns true when the caller should park instead of polling again. */
  shouldPark(): boolean {
    const polls = ++this.polls;
    if (this.spinUs <= 0) return true;
    if (polls < FREE_POLLS) return false;
    if (polls === FREE_POLLS) {
      this.deadline = performance.now() + this.spinUs / 1000;
      return false;
    }
    return (polls & (CLOCK_EVERY - 1)) === 0 && performance.now() >= this.deadline;
  }
}
