/**
 * A mutual-exclusion lock in shared memory that any worker_thread can take (the three-state futex
 * mutex of Drepper's "Futexes Are Tricky"), with an owner word so that misuse fails loudly instead of
 * corrupting whatever the lock protects.
 *
 * Layout (relative to `byteOffset`, which must be 64-byte aligned):
 *
 *   +0    state  (Int32: 0 unlocked, 1 locked, 2 locked and maybe waiters)   -- own cache line
 *   +64   owner  (Int32: holder's threadId + 1, 0 when free)                  -- own cache line
 *
 * Waiters poll `state` while spinning; the holder writes `owner` right after taking the lock. On one
 * line, that write would invalidate the line every spinner is reading, so the words live apart.
 *
 * Why three states: `unlock` must call `Atomics.notify` only when someone may be parked, since the
 * notify is the expensive part. A thread about to park first swaps in 2, so an unlock that sees 1
 * knows nobody sleeps and skips the notify.
 */
import { threadId } from 'node:worker_threads';
import { Backoff, type BackoffOptions } from './backoff.js';
import { LockOwnershipError } from './errors.js';
import { CACHE_LINE_BYTES, INT32_PER_LINE, lineWords } from './layout.js';
import { park } from './park.js';

const LINES = 2;
const STATE = 0;
const OWNER = INT32_PER_LINE;

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;

const NO_OWNER = 0;
/** threadId is 0 on the main thread, so shift by one to keep 0 (fresh, zeroed memory) meaning "nobody". */
const SELF = threadId + 1;

export class Mutex {
  static readonly BYTES = LINES * CACHE_LINE_BYTES;
  private readonly words: Int32Array;
  private readonly backoff: Backoff;

  constructor(buffer: SharedArrayBuffer, byteOffset = 0, options: BackoffOptions = {}) {
    this.words = lineWords(buffer, byteOffset, LINES, 'Mutex');
    this.backoff = new Backoff(options);
  }

  /** Take the lock, waiting as long as it takes. Throws LockOwnershipError if this thread holds it already. */
  lock(): void {
    // Fast path: uncontended, a single compare-and-swap.
    if (Atomics.compareExchange(this.words, STATE, UNLOCKED, LOCKED) !== UNLOCKED) this.lockContended();
    this.claimOwnership();
  }

  /** Take the lock if it is free right now. Returns false, without waiting, if any thread holds it. */
  tryLock(): boolean {
    if (Atomics.compareExchange(this.words, STATE, UNLOCKED, LOCKED) !== UNLOCKED) return false;
    this.claimOwnership();
    return true;
  }

  /** Release the lock. Throws LockOwnershipError unless this thread holds it. */
  unlock(): void {
    const owner = Atomics.load(this.words, OWNER);
    if (owner !== SELF) {
      throw new LockOwnershipError(
        `thread ${threadId} cannot unlock a Mutex it does not hold (${owner === NO_OWNER ? 'unlocked' : `held by thread ${owner - 1}`})`,
      );
    }
    // Clear the owner before releasing: once state is 0 the next holder writes its own id, and a
    // later clear from us would erase it.
    Atomics.store(this.words, OWNER, NO_OWNER);
    // Exchange, not store: we must learn whether a waiter announced itself (state 2) while we held
    // the lock. If so, wake one; it will swap in 2 again, so any remaining waiters stay announced.
    if (Atomics.exchange(this.words, STATE, UNLOCKED) === CONTENDED) Atomics.notify(this.words, STATE, 1);
  }

  private claimOwnership(): void {
    // Only the holder writes this word, so a plain store would do; the atomic store publishes it to
    // `unlock` calls made by other threads (which must then throw) without relying on the state word.
    Atomics.store(this.words, OWNER, SELF);
  }

  private lockContended(): void {
    // Only we ever write SELF, and we clear it before releasing, so seeing it means we hold the lock:
    // waiting would wait for ourselves forever.
    if (Atomics.load(this.words, OWNER) === SELF) {
      throw new LockOwnershipError(`thread ${threadId} tried to lock a Mutex it already holds`);
    }
    this.backoff.reset();
    while (!this.backoff.shouldPark()) {
      // Test before test-and-set: polling with plain loads keeps the line shared among spinners
      // instead of bouncing it between cores with failed compare-and-swaps.
      if (
        Atomics.load(this.words, STATE) === UNLOCKED &&
        Atomics.compareExchange(this.words, STATE, UNLOCKED, LOCKED) === UNLOCKED
      ) {
        return;
      }
    }
    // Announce that a waiter may sleep (state 2) in the same step that tries to take the lock: if
    // the exchange returns 0 we own the lock (in state 2, which costs the next unlock one spare
    // notify, never a lost one). Otherwise wait while state is still 2: if the holder unlocked
    // between our exchange and our wait, the word is 0, the wait returns at once and we retry.
    while (Atomics.exchange(this.words, STATE, CONTENDED) !== UNLOCKED) {
      park(this.words, STATE, CONTENDED);
    }
  }
}
