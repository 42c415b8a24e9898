// Rank programs for the contention and failure tests of test/rma-sync.test.ts: many ranks (more
// than the cores) hammering one element, the sync helpers, and ranks that fail or return while
// holding a lock.
import { LOCK_EXCLUSIVE, LOCK_SHARED, SUM, sync, Win } from 'threadmpi';
import { errorOf } from './rma-support.mjs';

/**
 * Every rank adds 1 to element 0 of rank 0's window `iters` times through Fetch_and_op, inside one
 * Lock_all epoch. Returns rank 0's final count, and on every rank whether the old values it got
 * strictly increased (each atomic increment sees the previous one).
 */
export function fetchAndOpCounter(comm, typeName, iters) {
  const T = globalThis[typeName];
  const one = T === BigInt64Array || T === BigUint64Array ? 1n : 1;
  const win = Win.Allocate(comm, 1, T);
  win.Lock_all();
  let previous = -1;
  let increasing = true;
  for (let i = 0; i < iters; i++) {
    const old = Number(win.Fetch_and_op(one, 0, 0, SUM));
    if (old <= previous) increasing = false;
    previous = old;
  }
  win.Unlock_all();
  win.Fence();
  const total = comm.rank === 0 ? Number(win.local[0]) : null;
  win.Fence();
  win.Free();
  return { total, increasing };
}

/** Every rank adds 1 to each of `count` elements of rank 0's window `iters` times with Accumulate. */
export function accumulateCounters(comm, typeName, count, iters) {
  const T = globalThis[typeName];
  const ones = T.from({ length: count }, () => (T === BigInt64Array || T === BigUint64Array ? 1n : 1));
  const win = Win.Allocate(comm, count, T);
  win.Lock(0, LOCK_SHARED);
  for (let i = 0; i < iters; i++) win.Accumulate(ones, 0, 0, SUM);
  win.Unlock(0);
  win.Fence();
  const totals = comm.rank === 0 ? Array.from(win.local, Number) : null;
  win.Fence();
  win.Free();
  return totals;
}

/** Rank 1 throws while it holds the exclusive lock on rank 0; the others wait for that lock. */
export function failWhileLocked(comm) {
  const win = Win.Allocate(comm, 1, Int32Array);
  if (comm.rank === 1) {
    win.Lock(0, LOCK_EXCLUSIVE);
    comm.send('locked', 0, 1);
    if (comm.size > 2) comm.send('locked', 2, 1);
    throw new Error('rank 1 fails while holding the lock');
  }
  if (comm.rank === 0 || comm.rank === 2) comm.recv(1, 1);
  win.Lock(0, LOCK_EXCLUSIVE);
  win.Unlock(0);
  win.Free();
}

/** Rank 1 returns without unlocking rank 0; rank 0 then waits for that lock forever. */
export function returnWhileLocked(comm) {
  const win = Win.Allocate(comm, 1, Int32Array);
  if (comm.rank === 1) {
    win.Lock(0, LOCK_EXCLUSIVE);
    comm.send('locked', 0, 1);
    return 'returned holding the lock';
  }
  comm.recv(1, 1);
  win.Lock(0, LOCK_SHARED);
}

/** sync.Counter from every rank at once: the values handed out, in the order this rank got them. */
export function counterValues(comm, iters, start, step) {
  const counter = new sync.Counter(comm, { start, step, root: comm.size - 1 });
  const got = Array.from({ length: iters }, () => counter.next());
  counter.free();
  return got;
}

/**
 * A non-atomic read-modify-write (Get, add, Put, Flush) of a counter in another window, guarded by
 * sync.Mutex: no increment is lost. Also the mutex's own misuse errors.
 */
export function mutexGuarded(comm, iters) {
  const mutex = new sync.Mutex(comm);
  const data = Win.Allocate(comm, 1, Int32Array);
  const x = new Int32Array(1);
  data.Lock_all();
  for (let i = 0; i < iters; i++) {
    mutex.acquire();
    data.Get(x, 0);
    data.Flush(0);
    x[0] += 1;
    data.Put(x, 0);
    data.Flush(0);
    mutex.release();
  }
  data.Unlock_all();
  mutex.acquire();
  const errors = { twice: errorOf(() => mutex.acquire()), locked: mutex.locked() };
  mutex.release();
  errors.releaseUnheld = errorOf(() => mutex.release());
  data.Fence();
  const total = comm.rank === 0 ? data.local[0] : null;
  data.Fence();
  data.Free();
  mutex.free();
  return { total, errors };
}
