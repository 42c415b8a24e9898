/**
 * Window locks (MPI_Win_lock): one reader-writer lock per target rank, in the target's lock line
 * of the control block. The target takes no part, as passive-target synchronisation requires.
 *
 *   state   0 free, k > 0 held by k LOCK_SHARED holders, -(r + 1) held LOCK_EXCLUSIVE by comm rank r
 *   waiters ranks currently waiting for this lock
 *
 * The exclusive holder lives in the state word itself, so taking and releasing the lock are one
 * atomic operation each (these are on the latency path of every Lock/Unlock epoch), and deadlock
 * reports can still name the holder.
 *
 * Taking the lock is a compare-and-swap on `state`; a rank that cannot take it at once waits
 * through the Waiter (spin, then park on its own doorbell, with the abort check and the deadlock
 * detector's view), after writing which lock it waits for on its rank line. A release that leaves
 * the lock free checks `waiters` and, only if someone waits, rings the doorbells of exactly the
 * ranks waiting for this lock. No wake-up is lost: a waiter announces itself before it tests the
 * lock, the releaser frees the lock before it looks for waiters, and all of these are sequentially
 * consistent atomics, so either the waiter's test sees the lock free or the releaser sees the
 * waiter (and a ring after the waiter read its doorbell makes its park return at once).
 *
 * Not fair: a stream of LOCK_SHARED holders that never leaves the lock free can keep an
 * exclusive locker waiting. MPI does not require fairness, and an epoch is normally short.
 */
import type { WaitTarget } from '../transport/ops.js';
import { LOCK_STATE, LOCK_WAITERS, RANK_AWAITED_LOCK, type ControlBlock } from './control-block.js';

const FREE = 0;

export class WindowLocks {
  /** This rank's state word value when it holds a lock exclusively. */
  private readonly exclusiveMark: number;

  constructor(private readonly cb: ControlBlock) {
    this.exclusiveMark = -(cb.rank + 1);
  }

  /** Take `target`'s lock, waiting as long as it takes; `call` (Lock or Lock_all) names the wait in reports. */
  acquire(target: number, exclusive: boolean, call: 'Lock' | 'Lock_all'): void {
    if (this.tryAcquire(target, exclusive)) return;
    const { cb } = this;
    const w = cb.words;
    const awaited = cb.rankWord(cb.rank, RANK_AWAITED_LOCK);
    Atomics.add(w, cb.lockWord(target, LOCK_WAITERS), 1);
    Atomics.store(w, awaited, target + 1);
    let held = false;
    try {
      cb.waitFor({
        isComplete: () => held || (held = this.tryAcquire(target, exclusive)),
        describe: () => call === 'Lock'
          ? `Win.Lock(rank=${target}, ${exclusive ? 'LOCK_EXCLUSIVE' : 'LOCK_SHARED'}, comm=${cb.comm.name})`
          : `Win.Lock_all(comm=${cb.comm.name})`,
        waitTarget: () => this.holders(target),
      });
    } finally {
      Atomics.store(w, awaited, 0);
      Atomics.sub(w, cb.lockWord(target, LOCK_WAITERS), 1);
    }
  }

  release(target: number, exclusive: boolean): void {
    const w = this.cb.words;
    const state = this.cb.lockWord(target, LOCK_STATE);
    // Only a free lock can let a waiter in: shared waiters only ever wait for an exclusive holder.
    const nowFree = exclusive ? (Atomics.store(w, state, FREE), true) : Atomics.sub(w, state, 1) === 1;
    if (nowFree && Atomics.load(w, this.cb.lockWord(target, LOCK_WAITERS)) !== 0) this.wakeWaitersOf(target);
  }

  private tryAcquire(target: number, exclusive: boolean): boolean {
    const w = this.cb.words;
    const state = this.cb.lockWord(target, LOCK_STATE);
    if (exclusive) return Atomics.compareExchange(w, state, FREE, this.exclusiveMark) === FREE;
    for (;;) {
      const holders = Atomics.load(w, state);
      if (holders < 0) return false;
      if (Atomics.compareExchange(w, state, holders, holders + 1) === holders) return true;
    }
  }

  private wakeWaitersOf(target: number): void {
    const { cb } = this;
    for (let r = 0; r < cb.size; r++) {
      if (Atomics.load(cb.words, cb.rankWord(r, RANK_AWAITED_LOCK)) === target + 1) cb.ring(r);
    }
  }

  /** Whom a waiter waits for: the exclusive holder when there is one, else any other member (shared holders are not recorded). */
  private holders(target: number): WaitTarget {
    const state = Atomics.load(this.cb.words, this.cb.lockWord(target, LOCK_STATE));
    if (state < 0) return { kind: 'rank', ranks: this.cb.worldRanks([-state - 1]) };
    const others = Array.from({ length: this.cb.size }, (_, r) => r).filter((r) => r !== this.cb.rank);
    return { kind: 'any', ranks: this.cb.worldRanks(others) };
  }
}
