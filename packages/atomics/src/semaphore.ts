/**
 * A counting semaphore in shared memory: at most `permits` threads hold one at a time.
 *
 * Layout (relative to `byteOffset`, which must be 64-byte aligned):
 *
 *   +0    permits  (Int32: permits free now; acquirers take, releasers give; waiters sleep on it)
 *                                                                        -- own cache line
 *   +64   waiters  (Int32: acquirers parked or about to park)           -- own cache line
 *
 * Fresh (zeroed) memory is a semaphore with no permits: the thread that sets it up calls
 * `release(k)` once to put k permits in. Threads that acquire before that simply wait.
 *
 * `waiters` lives on its own line because acquirers and releasers hammer `permits`; a releaser
 * only needs to read `waiters` to decide whether the notify syscall is worth making.
 *
 * Protocol, why no wake-up is lost (the Doorbell handshake): a waiter increments `waiters` and then
 * waits while `permits` is 0; a releaser adds to `permits` and then reads `waiters`. All accesses are
 * sequentially consistent, so either the releaser sees the waiter and notifies it, or the waiter's
 * wait runs after the add, sees permits != 0 and returns at once.
 */
import { Backoff, type BackoffOptions } from './backoff.js';
import { CACHE_LINE_BYTES, INT32_PER_LINE, lineWords } from './layout.js';
import { park } from './park.js';

const LINES = 2;
const PERMITS = 0;
const WAITERS = INT32_PER_LINE;

export class Semaphore {
  static readonly BYTES = LINES * CACHE_LINE_BYTES;
  private readonly words: Int32Array;
  private readonly backoff: Backoff;

  constructor(buffer: SharedArrayBuffer, byteOffset = 0, options: BackoffOptions = {}) {
    this.words = lineWords(buffer, byteOffset, LINES, 'Semaphore');
    this.backoff = new Backoff(options);
  }

  /** Take one permit, waiting until one is free. */
  acquire(): void {
    this.backoff.reset();
    while (!this.tryAcquire()) {
      if (!this.backoff.shouldPark()) continue;
      // Announce ourselves before the wait re-checks permits (see the protocol above).
      Atomics.add(this.words, WAITERS, 1);
      park(this.words, PERMITS, 0);
      Atomics.sub(this.words, WAITERS, 1);
    }
  }

  /** Take one permit if one is free right now; never waits. */
  tryAcquire(): boolean {
    let free = Atomics.load(this.words, PERMITS);
    while (free > 0) {
      // Compare-and-swap so two acquirers racing for the last permit cannot both take it.
      const seen = Atomics.compareExchange(this.words, PERMITS, free, free - 1);
      if (seen === free) return true;
      free = seen;
    }
    return false;
  }

  /** Give back `n` permits (or put them in, the first time), waking up to `n` waiting threads. */
  release(n = 1): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Semaphore.release needs a positive integer, got ${n}`);
    // Add before reading waiters: the order the no-lost-wake-up argument depends on.
    Atomics.add(this.words, PERMITS, n);
    // A woken waiter may lose the permit to a thread that never slept; it then parks again, which is
    // correct: the permit went to someone. Waking n is enough because each permit serves one thread.
    if (Atomics.load(this.words, WAITERS) > 0) Atomics.notify(this.words, PERMITS, n);
  }
}
