import { CACHE_LINE_BYTES, Semaphore } from '../src/index.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { runWorkers, startWorker, withDeadline } from './helpers/workers.js';

const newSemaphore = () => new Semaphore(new SharedArrayBuffer(Semaphore.BYTES));

describe('Semaphore in one thread', () => {
  test('fresh memory has no permits', () => {
    expect(newSemaphore().tryAcquire()).toBe(false);
  });

  test('release(k) lets exactly k acquire, and each release lets one more', () => {
    const semaphore = newSemaphore();
    semaphore.release(3);
    expect([1, 2, 3, 4].map(() => semaphore.tryAcquire())).toEqual([true, true, true, false]);
    semaphore.release();
    expect(semaphore.tryAcquire()).toBe(true);
    expect(semaphore.tryAcquire()).toBe(false);
  });

  test('acquire returns at once while permits are free', () => {
    const semaphore = newSemaphore();
    semaphore.release(2);
    semaphore.acquire();
    semaphore.acquire();
    expect(semaphore.tryAcquire()).toBe(false);
  });

  test('release refuses a count that is not a positive integer', () => {
    const semaphore = newSemaphore();
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => semaphore.release(n)).toThrow(RangeError);
    expect(semaphore.tryAcquire()).toBe(false);
  });
});

describe('Semaphore across threads', () => {
  test('a parked acquire is woken by a release from another thread', async () => {
    const buffer = new SharedArrayBuffer(Semaphore.BYTES);
    const waiter = startWorker('semaphore-acquire-once.mjs', { buffer, semaphoreOffset: 0 });
    await sleep(100); // long enough for the waiter to park: the lone-sleeper case must still be woken
    new Semaphore(buffer, 0).release();
    await withDeadline('semaphore waiter', [waiter], waiter.exited, 5000);
    expect(new Semaphore(buffer, 0).tryAcquire()).toBe(false); // the waiter took the only permit
  });

  test('8 threads never hold more than k permits at once', async () => {
    const THREADS = 8;
    const PERMITS = 3;
    const ITERATIONS = 5_000;
    const statsOffset = Semaphore.BYTES;
    const buffer = new SharedArrayBuffer(Semaphore.BYTES + 3 * CACHE_LINE_BYTES);
    new Semaphore(buffer, 0).release(PERMITS);

    const input = { buffer, semaphoreOffset: 0, statsOffset, iterations: ITERATIONS, threads: THREADS };
    await runWorkers('semaphore-holders.mjs', Array.from({ length: THREADS }, () => input));

    const stats = new Int32Array(buffer, statsOffset, 48);
    const [inUse, maxInUse, acquired] = [stats[0], stats[16], stats[32]];
    expect(acquired).toBe(THREADS * ITERATIONS);
    expect(maxInUse).toBeGreaterThanOrEqual(1);
    expect(maxInUse).toBeLessThanOrEqual(PERMITS);
    expect(inUse).toBe(0);
    // Every permit came back: exactly k can be taken again.
    const semaphore = new Semaphore(buffer, 0);
    expect(Array.from({ length: PERMITS + 1 }, () => semaphore.tryAcquire())).toEqual([...Array(PERMITS).fill(true), false]);
  });
});
