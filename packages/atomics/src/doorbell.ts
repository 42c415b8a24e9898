/**
 * A doorbell: one thread sleeps on it, any thread rings it.
 *
 * Layout (two cache lines, so ringers and the sleeper do not false-share):
 *   line 0: ring counter   (changed by a ringer that found a sleeper; the sleeper waits on it)
 *   line 1: sleepers       (how many waits are parked or about to park; several async waits may
 *                           share one doorbell, so this is a count, not a flag)
 *
 * A ring costs one load of the sleepers line while nobody sleeps: no store, no read-modify-write,
 * so a doorbell rung on every message of a busy exchange stays a cache hit on both sides. Only a
 * ringer that finds a sleeper changes the counter and calls notify.
 *
 * Protocol, why it is race-free: the sleeper first announces itself (`prepareSleep` increments
 * `sleepers`, then reads the counter as its ticket), then checks its condition once more, and only
 * then waits on `counter == ticket`. A ringer publishes its change first, then reads `sleepers`.
 * All operations are sequentially consistent, so either the ringer's read comes before the
 * announcement (then its change comes before the sleeper's last check, which sees it), or it sees
 * the sleeper and bumps the counter (then the wait returns at once or is notified).
 */
import { INT32_PER_LINE } from './layout.js';

const COUNTER = 0;
const SLEEPING = INT32_PER_LINE;

export type SleepResult = 'ok' | 'not-equal' | 'timed-out';

export class Doorbell {
  static readonly BYTES = 2 * 64;
  private readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer, byteOffset = 0) {
    this.words = new Int32Array(buffer, byteOffset, 2 * INT32_PER_LINE);
  }

  /** Call after publishing the change the sleeper waits for. */
  ring(): void {
    if (Atomics.load(this.words, SLEEPING) === 0) return;
    Atomics.add(this.words, COUNTER, 1);
    Atomics.notify(this.words, COUNTER);
  }

  /**
   * Announce a sleep. Returns the ticket for `sleep`/`sleepAsync`. Check your condition after this
   * call: if it already holds, call `cancelSleep()` instead of sleeping.
   */
  prepareSleep(): number {
    Atomics.add(this.words, SLEEPING, 1);
    return Atomics.load(this.words, COUNTER);
  }

  /** Withdraw an announcement made by `prepareSleep` without sleeping. */
  cancelSleep(): void {
    Atomics.sub(this.words, SLEEPING, 1);
  }

  /** Park until rung after `prepareSleep` returned `ticket`, or until `timeoutMs`. */
  sleep(ticket: number, timeoutMs = Infinity): SleepResult {
    const result = Atomics.wait(this.words, COUNTER, ticket, timeoutMs);
    Atomics.sub(this.words, SLEEPING, 1);
    return result;
  }

  /** Like sleep, without blocking the event loop. */
  async sleepAsync(ticket: number, timeoutMs = Infinity): Promise<SleepResult> {
    const w = Atomics.waitAsync(this.words, COUNTER, ticket, timeoutMs);
    const result = w.async ? await w.value : w.value;
    Atomics.sub(this.words, SLEEPING, 1);
    return result;
  }
}
