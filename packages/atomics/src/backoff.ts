/**
 * The one waiting strategy every blocking primitive uses (after crossbeam's `Backoff`): spin while
 * the wait is likely to be short, then tell the caller to park on `Atomics.wait`. Tuning for
 * oversubscription (more threads than cores) happens here only.
 *
 * The budget is time, not a count of polls: a poll of a rich condition (every ring of a job) costs
 * many times a poll of one word, and what matters is how long a waiter may hold a core. The clock
 * is read only after FREE_POLLS polls, so the common short wait never pays for it.
 *
 * The budget adapts to what spinning has been worth lately. A spin pays only while the thread we
 * wait for runs on another core. When something else takes that core (other processes, V8's
 * compiler and GC threads), the partner lands on our core, and every hand-off then costs our whole
 * budget before we park and let it run; when the threads outnumber the cores, a spinning waiter
 * steals the core the other thread needs. From the waiting side, "partner descheduled" and
 * "partner busy elsewhere" look the same, so the budget does not guess: it learns from outcomes.
 *   - a wait satisfied during the spin doubles the budget (at least to twice the time it took),
 *     up to `maxUs`;
 *   - a wait that ran out of budget and parked, right after another that did, halves it, down to
 *     the free polls alone (one failure between successes is a hiccup, such as the partner's GC
 *     pause, not a change of regime, and leaves the budget alone).
 * So it stays near `maxUs` while most spins pay and falls to a few polls within a handful of
 * failed hand-offs when they do not (a collapsed pair on one core, a loaded machine, a partner
 * that computes for milliseconds between messages). A budget that has shrunk below what the
 * waits need could never succeed again, so every `probeEvery`-th wait spins the full `maxUs` as a
 * probe; a failed probe doubles the interval to the next one (up to MAX_PROBE_INTERVAL waits), so
 * probing costs little where spinning never pays.
 *
 * Outcomes are inferred from the calls the waiter already makes: `shouldPark()` returning true
 * means the spin failed (the caller parks, or looks once more and finds its condition), and the
 * next `reset()` books the spin that just ended: a failure if it asked to park, a success after
 * `elapsed` otherwise. A reset with no poll since the last one (nothing waited) books nothing.
 */
import { availableParallelism } from 'node:os';

export interface BackoffOptions {
  /** Longest spin in microseconds; 0 parks at the first failed poll. Default: by `threads`. */
  spinUs?: number;
  /** How many threads compete for the cores; used to pick the default spin budget. */
  threads?: number;
  /** Adapt the budget to outcomes (default true); false spins `spinUs` every time. */
  adaptive?: boolean;
  /** The clock in milliseconds (default `performance.now`); tests pass a fake one. */
  now?: () => number;
}

/** Longest spin while the threads fit on the cores. */
export const SPIN_US = 100;
/** Longest spin when the threads outnumber the cores (adaptive waits start at the free polls). */
export const OVERSUBSCRIBED_SPIN_US = 10;
/** Polls before the clock is first read. */
const FREE_POLLS = 32;
/**
 * After that, the clock is read every this many polls (a power of two). `performance.now()` is not
 * free: it returns a fresh heap number (about 16 B of garbage per read, the main allocation of a
 * blocking ping-pong that spins) and costs tens to hundreds of nanoseconds on this VM.
 */
const CLOCK_EVERY = 16;
/**
 * Waits between probes right after a probe paid, and at most after probes kept failing. The most
 * is kept short: two ranks can fall into a regime that feeds itself, each parking before the
 * other arrives, so that every hand-off pays a wake-up, which makes the other's next wait longer
 * than its budget again; only a probe that meets the partner gets the pair out. With up to 1024
 * waits between probes (each wait a wake-up of tens of microseconds), an 8-byte allreduce
 * between two ranks stayed at 60 us a call for seconds where it runs at 3 us (measured on the
 * development VM). 32 waits bound what failed probes cost to about maxUs / 32 a wait.
 */
const MIN_PROBE_INTERVAL = 16;
const MAX_PROBE_INTERVAL = 32;

export function defaultSpinUs(threads: number): number {
  return fitsOnCores(threads) ? SPIN_US : OVERSUBSCRIBED_SPIN_US;
}

function fitsOnCores(threads: number): boolean {
  return threads <= availableParallelism();
}

const performanceNow = (): number => performance.now();

export class Backoff {
  /** The longest spin, in microseconds. */
  readonly maxUs: number;
  private readonly adaptive: boolean;
  private readonly now: () => number;
  /** The spin budget of the next wait, in microseconds (0: the free polls only). */
  private budget: number;
  private polls = 0;
  /** When the clock was first read in this spin (ms), and when the spin ends. */
  private started = 0;
  private deadline = 0;
  /** This spin asked its caller to park. */
  private failed = false;
  /** Spins in a row that ran out of budget. */
  private failures = 0;
  /** This spin runs the full `maxUs` to find out whether a longer budget would pay. */
  private probing = false;
  private waitsSinceProbe = 0;
  private probeInterval = MIN_PROBE_INTERVAL;

  constructor(options: BackoffOptions = {}) {
    const threads = options.threads ?? 1;
    this.maxUs = Math.max(0, options.spinUs ?? defaultSpinUs(threads));
    this.adaptive = options.adaptive ?? true;
    this.now = options.now ?? performanceNow;
    // Oversubscribed, a spin is more likely to steal the partner's core than to meet it: start low.
    this.budget = this.adaptive && !fitsOnCores(threads) ? 0 : this.maxUs;
  }

  /** The spin budget the next wait gets, in microseconds (before any probe). */
  get budgetUs(): number {
    return this.budget;
  }

  /** Start a new wait (and book how the previous spin ended). */
  reset(): void {
    if (this.polls > 0 && this.adaptive) this.learn();
    this.polls = 0;
    this.failed = false;
    this.probing = false;
  }

  private learn(): void {
    if (this.failed) {
      if (++this.failures >= 2) this.budget = this.budget / 2 < 1 ? 0 : this.budget / 2;
      if (this.probing) this.probeInterval = Math.min(MAX_PROBE_INTERVAL, this.probeInterval * 2);
      return;
    }
    // Satisfied while spinning; before the clock started, it took less than the free polls.
    this.failures = 0;
    const tookUs = this.polls > FREE_POLLS ? (this.now() - this.started) * 1000 : 0;
    this.budget = Math.min(this.maxUs, Math.max(this.budget * 2, 2 * tookUs, 1));
    if (this.probing) this.probeInterval = MIN_PROBE_INTERVAL;
  }

  /** Count one unsuccessful poll. Returns true when the caller should park instead of polling again. */
  shouldPark(): boolean {
    const polls = ++this.polls;
    if (this.maxUs <= 0) return this.park();
    if (polls < FREE_POLLS) return false;
    if (polls === FREE_POLLS) {
      let spin = this.budget;
      if (this.adaptive && spin < this.maxUs && ++this.waitsSinceProbe >= this.probeInterval) {
        this.waitsSinceProbe = 0;
        this.probing = true;
        spin = this.maxUs;
      }
      // A budget of the free polls alone needs no clock.
      if (spin <= 0) return this.park();
      this.started = this.now();
      this.deadline = this.started + spin / 1000;
      return false;
    }
    return (polls & (CLOCK_EVERY - 1)) === 0 && this.now() >= this.deadline && this.park();
  }

  private park(): true {
    this.failed = true;
    return true;
  }
}
