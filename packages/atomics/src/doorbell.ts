/**
 * A doorbell: one thread sleeps on it, any thread rings it.
 *
 * Layout (two cache lines, so ringers and the sleeper do not false-share):
 *   line 0: ring counter   (incremented by every ringer; the sleeper waits on it)
 *   line 1: sleepers       (how many waits are parked or about to park; several async waits may
 *                           share one doorbell, so this is a count, not a flag)
 *
 * Protocol, why it is race-free: the sleeper reads the counter (`seen`), re-checks its condition,
 * increments `sleepers`, then waits on `counter == seen`. A ringer increments the counter *before*
 * reading `sleeping`. All operations are sequentially consistent, so either the ringer sees
 * sleeping = 1 and calls notify, or the sleeper's wait sees a counter different from `seen` and
 * returns at once. Ringers skip the notify syscall when nobody sleeps: the common, fast case.
 */
import { INT32_PER_LINE } from './layout.js';

const COUNTER = 0;
const SLEEPING = INT32_PER_LINE;

export class Doorbell {
  static readonly BYTES = 2 * 64;
  private readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer, byteOffset = 0) {
    this.words = new Int32Array(buffer, byteOffset, 2 * INT32_PER_LINE);
  }

  /** The value to pass to `sleep` later: read it *before* checking your condition. */
  read(): number {
    return Atomics.load(this.words, COUNTER);
  }

  ring(): void {
    Atomics.add(this.words, COUNTER, 1);
    if (Atomics.load(this.words, SLEEPING) !== 0) Atomics.notify(this.words, COUNTER);
  }

  /** Park until rung after `seen` was read, or until `timeoutMs`. */
  sleep(seen: number, timeoutMs = Infinity): 'ok' | 'not-equal' | 'timed-out' {
    Atomics.add(this.words, SLEEPING, 1);
    const result = Atomics.wait(this.words, COUNTER, seen, timeoutMs);
    Atomics.sub(this.words, SLEEPING, 1);
    return result;
  }

  /** Like sleep, without blocking the event loop. */
  async sleepAsync(seen: number, timeoutMs = Infinity): Promise<'ok' | 'not-equal' | 'timed-out'> {
    Atomics.add(this.words, SLEEPING, 1);
    const w = Atomics.waitAsync(this.words, COUNTER, seen, timeoutMs);
    const result = w.async ? await w.value : w.value;
    Atomics.sub(this.words, SLEEPING, 1);
    return result;
  }
}
