/**
 * A reusable barrier for a fixed number of threads: nobody leaves round r until all `parties`
 * threads have arrived at round r. Like pthread_barrier_wait, exactly one thread per round is told it
 * is the "serial" thread, so one-off work after a round needs no extra election.
 *
 * Layout (relative to `byteOffset`, which must be 64-byte aligned):
 *
 *   +0    arrived  (Int32: threads that reached the current round)           -- own cache line
 *   +64   round    (Int32: rounds completed; waiters spin and sleep on it)   -- own cache line
 *
 * Every arrival writes `arrived`, while the threads already waiting poll `round`. On one line, each
 * arrival would invalidate the line every waiter is polling; apart, waiters' reads stay cache hits
 * until the one write that releases them.
 *
 * Sense reversal: a waiter must not confuse "this round finished" with "the last round finished",
 * or a fast thread could lap a slow one. The classic fix flips a shared sense bit each round and
 * keeps each thread's expected sense locally. Here the shared word counts rounds instead of
 * flipping (its parity is the sense), and each thread reads it on arrival, so a Barrier object
 * created in any round needs no local state to agree with the others.
 */
import { Backoff, type BackoffOptions } from './backoff.js';
import { CACHE_LINE_BYTES, INT32_PER_LINE, lineWords } from './layout.js';
import { waitWhileEqual } from './park.js';

const LINES = 2;
const ARRIVED = 0;
const ROUND = INT32_PER_LINE;

export class Barrier {
  static readonly BYTES = LINES * CACHE_LINE_BYTES;
  readonly parties: number;
  private readonly words: Int32Array;
  private readonly backoff: Backoff;

  /**
   * Every thread must pass the same `parties`. The spin budget defaults to the one for `parties`
   * threads: when they outnumber the cores, waiters park almost at once.
   */
  constructor(buffer: SharedArrayBuffer, byteOffset: number, parties: number, options: BackoffOptions = {}) {
    if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`Barrier needs a positive integer of parties, got ${parties}`);
    this.parties = parties;
    this.words = lineWords(buffer, byteOffset, LINES, 'Barrier');
    this.backoff = new Backoff({ threads: parties, ...options });
  }

  /** Wait until all parties have arrived. Returns true on exactly one thread per round. */
  wait(): boolean {
    // Read the round before arriving: it cannot advance until we arrive, so this is our round.
    const round = Atomics.load(this.words, ROUND);
    if (Atomics.add(this.words, ARRIVED, 1) === this.parties - 1) {
      // Last to arrive. Reset the count before opening the round: threads released by the round
      // change may arrive at the next round at once, and must find the count at 0.
      Atomics.store(this.words, ARRIVED, 0);
      Atomics.add(this.words, ROUND, 1);
      // Always notify: waiters may have parked without telling anyone (waitWhileEqual keeps no
      // sleeper count), and this is one call per round, not per thread.
      Atomics.notify(this.words, ROUND);
      return true;
    }
    // Returns as soon as the round moves on; waitWhileEqual re-checks after a wake-up, so a
    // spurious or early notify cannot let us through.
    waitWhileEqual(this.words, ROUND, round, this.backoff);
    return false;
  }
}
