import { once } from 'node:events';
import { CACHE_LINE_BYTES, LockOwnershipError, Mutex } from '../src/index.js';
import { runWorkers, startWorker, withDeadline } from './helpers/workers.js';

const newMutex = () => new Mutex(new SharedArrayBuffer(Mutex.BYTES));

describe('Mutex in one thread', () => {
  test('tryLock takes a free lock and refuses a held one', () => {
    const mutex = newMutex();
    expect(mutex.tryLock()).toBe(true);
    expect(mutex.tryLock()).toBe(false);
    mutex.unlock();
    expect(mutex.tryLock()).toBe(true);
  });

  test('unlocking a free lock throws', () => {
    const mutex = newMutex();
    expect(() => mutex.unlock()).toThrow(LockOwnershipError);
    mutex.lock();
    mutex.unlock();
    expect(() => mutex.unlock()).toThrow(/does not hold.*unlocked/);
  });

  test('locking a lock this thread holds throws instead of deadlocking', () => {
    const mutex = newMutex();
    mutex.lock();
    expect(() => mutex.lock()).toThrow(LockOwnershipError);
    mutex.unlock(); // still held after the refused lock, and still ours
    expect(mutex.tryLock()).toBe(true);
  });

  test('two Mutex objects over the same memory are the same lock', () => {
    const buffer = new SharedArrayBuffer(2 * Mutex.BYTES);
    const a = new Mutex(buffer, Mutex.BYTES);
    a.lock();
    expect(new Mutex(buffer, Mutex.BYTES).tryLock()).toBe(false);
    expect(new Mutex(buffer, 0).tryLock()).toBe(true);
  });

  test('a misaligned offset is refused', () => {
    expect(() => new Mutex(new SharedArrayBuffer(4 * Mutex.BYTES), 4)).toThrow(RangeError);
  });
});

describe('Mutex across threads', () => {
  test('8 threads incrementing a plain counter under the lock lose no increment', async () => {
    const THREADS = 8;
    const ITERATIONS = 20_000;
    const counterOffset = Mutex.BYTES;
    const buffer = new SharedArrayBuffer(Mutex.BYTES + CACHE_LINE_BYTES);
    const input = { buffer, mutexOffset: 0, counterOffset, iterations: ITERATIONS, threads: THREADS };
    await runWorkers('mutex-counter.mjs', Array.from({ length: THREADS }, () => input));
    expect(new Int32Array(buffer, counterOffset, 1)[0]).toBe(THREADS * ITERATIONS);
  });

  test('only the holding thread can unlock', async () => {
    const letGoOffset = Mutex.BYTES;
    const buffer = new SharedArrayBuffer(Mutex.BYTES + CACHE_LINE_BYTES);
    const mutex = new Mutex(buffer, 0);
    const holder = startWorker('mutex-holder.mjs', { buffer, mutexOffset: 0, letGoOffset });
    await withDeadline('mutex-holder', [holder], once(holder.worker, 'message'));

    expect(() => mutex.unlock()).toThrow(/does not hold.*held by thread/);
    expect(mutex.tryLock()).toBe(false); // the failed unlock did not release it

    const letGo = new Int32Array(buffer, letGoOffset, 1);
    Atomics.store(letGo, 0, 1);
    Atomics.notify(letGo, 0);
    await withDeadline('mutex-holder', [holder], holder.exited);
    expect(mutex.tryLock()).toBe(true);
  });
});
