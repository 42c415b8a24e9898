/**
 * Futex-style waiting on one Int32 word: wait while it still holds the value we last saw.
 *
 * `Atomics.wait` is not allowed on a browser main thread and returns at once if the word already
 * changed, which is exactly the "re-check after publishing that I sleep" property that makes the
 * sleep/wake handshake race-free (see Doorbell).
 */
import { Backoff } from './backoff.js';

export type ParkResult = 'ok' | 'not-equal' | 'timed-out';

/** Park until `word[index]` is no longer `seen`, or `timeoutMs` passes. */
export function park(word: Int32Array, index: number, seen: number, timeoutMs = Infinity): ParkResult {
  return Atomics.wait(word, index, seen, timeoutMs);
}

/**
 * Spin, then park, until `word[index] !== seen`. Returns the new value.
 * For callers whose condition is a single word; richer conditions use Backoff directly.
 */
export function waitWhileEqual(word: Int32Array, index: number, seen: number, backoff = new Backoff()): number {
  backoff.reset();
  for (;;) {
    const now = Atomics.load(word, index);
    if (now !== seen) return now;
    if (backoff.shouldPark()) park(word, index, seen);
  }
}
