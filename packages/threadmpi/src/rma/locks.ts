/**
 * Window locks (MPI_Win_lock): one reader-writer lock per target rank, in the target's lock line
 * of the control block. The target takes no part, as passive-target synchronisation requires.
 *
 *   state   0 free, k > 0 held by k LOCK_SHARED holders, EXCLUSIVE held by one LOCK_EXCLUSIVE holder
 *   owner   comm rank + 1 of the exclusive holder (only for deadlock reports)
 *   waiters ranks currently waiting for this lock
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
import { LOCK_OWNER, LOCK_STATE, LOCK_WAITERS, RANK_AWAITED_LOCK, type ControlBlock } from './control-block.js';

const FREE = 0;
const EXCLUSIVE = -1;

export class WindowLocks {
  constructor(private readonly cb: ControlBlock) {}

  /** Take `target`'s lock, waiting as long as it takes; `call` names the wait in reports. */
  acquire(target: number, exclusive: boolean, call: string): void {
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
        describe: () => `${call}(comm=${cb.comm.name})`,
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
    let nowFree: boolean;
    if (exclusive) {
      Atomics.store(w, this.cb.lockWord(target, LOCK_OWNER), 0);
      Atomics.store(w, state, FREE);
      nowFree = true;
    } else {
      nowFree = Atomics.sub(w, state, 1) === 1;
    }
    // Only a free lock can let a waiter in: shared waiters only ever wait for an exclusive holder.
    if (nowFree && Atomics.load(w, this.cb.lockWord(target, LOCK_WAITERS)) !== 0) this.wakeWaitersOf(target);
  }

  private tryAcquire(target: number, exclusive: boolean): boolean {
    const w = this.cb.words;
    const state = this.cb.lockWord(target, LOCK_STATE);
    if (exclusive) {
      if (Atomics.compareExchange(w, state, FREE, EXCLUSIVE) !== FREE) return false;
      Atomics.store(w, this.cb.lockWord(target, LOCK_OWNER), this.cb.rank + 1);
      return true;
    }
    for (;;) {
      const holders = Atomics.load(w, state);
      if (holders === EXCLUSIVE) return false;
      if (Atomics.compareExchange(w, state, holders, holders + 1) === holders) return true;
    }
  }

  private wakeWaitersOf(target: number): void {
    const { cb } = this;
    for (let r = 0; r < cb.size; r++) {
      if (Atomics.load(cb.words, cb.rankWord(r, RANK_AWAITED_LOCK)) === target + 1) cb.ring(r);
    }
  }

  /** Whom a waiter waits for: the exclusive holder when known, else any other member (shared holders are not recorded). */
  private holders(target: number): WaitTarget {
    const owner = Atomics.load(this.cb.words, this.cb.lockWord(target, LOCK_OWNER));
    if (owner !== 0) return { kind: 'rank', ranks: this.cb.worldRanks([owner - 1]) };
    const others = Array.from({ length: this.cb.size }, (_, r) => r).filter((r) => r !== this.cb.rank);
    return { kind: 'any', ranks: this.cb.worldRanks(others) };
  }
}
