/**
 * The one waiting strategy every blocking primitive uses (after crossbeam's `Backoff`):
 * spin a bounded number of times while the wait is likely to be short, then tell the caller to
 * park on `Atomics.wait`. Tuning for oversubscription (more threads than cores) happens here only.
 *
 * Spinning is worth it only while another thread can run at the same time to satisfy us; when the
 * threads outnumber the cores, a spinning waiter steals the core its partner needs, so the spin
 * budget shrinks to almost nothing.
 */
import { availableParallelism } from 'node:os';

export interface BackoffOptions {
  /** Polls before parking. Default: 4000 when threads fit on the cores, 50 otherwise. */
  spinLimit?: number;
  /** How many threads compete for the cores; used to pick the default spin budget. */
  threads?: number;
}

export function defaultSpinLimit(threads: number): number {
  return threads <= availableParallelism() ? 4000 : 50;
}

export class Backoff {
  readonly spinLimit: number;
  private spins = 0;

  constructor(options: BackoffOptions = {}) {
    this.spinLimit = options.spinLimit ?? defaultSpinLimit(options.threads ?? 1);
  }

  /** Start a new wait. */
  reset(): void {
    this.spins = 0;
  }

  /** Count one unsuccessful poll. Returns true when the caller should park instead of polling again. */
  shouldPark(): boolean {
    return ++this.spins > this.spinLimit;
  }
}
