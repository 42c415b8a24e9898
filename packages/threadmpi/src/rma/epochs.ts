/**
 * Which epochs this rank has open on one window, and the MPI rules about them. Every RMA and
 * synchronisation call asks here first, so misuse raises ERR_RMA_SYNC in the calling rank before
 * anything touches shared memory.
 *
 * Access to a target is allowed inside a fence epoch (to every target), a passive-target epoch
 * (Lock on that target, or Lock_all) or a general active-target epoch (Start with a group that
 * holds it). The kinds may not be mixed: a fence epoch in which RMA calls were made must be
 * ended by a Fence before any Lock, Start or Post. A Fence with no RMA call after it merely
 * stands ready (MPI's "fence without MODE_NOSUCCEED"), so Lock and friends may follow it, as
 * MPICH and Open MPI allow; the ready fence epoch then closes. A Fence(MODE_NOSUCCEED) does not
 * even stand ready: RMA after it is outside any epoch.
 */
import { MODE_NOPRECEDE, MODE_NOSUCCEED } from '../constants.js';
import { mpiError } from '../errors.js';
import { HeldLocks } from './held-locks.js';

/** No Fence yet (or closed by another kind), a Fence called with no RMA since, or RMA since the last Fence. */
type FenceState = 'none' | 'ready' | 'used';

export class Epochs {
  private fence: FenceState = 'none';
  /** Targets this rank holds a Lock on, with whether it is exclusive. */
  private readonly locks: HeldLocks;
  private lockAll = false;
  /** Start's group while an access epoch is open. */
  private access: readonly number[] | null = null;
  /** Post's group while an exposure epoch is open. */
  private exposure: readonly number[] | null = null;

  constructor(size: number) {
    this.locks = new HeldLocks(size);
  }

  /** Called by every RMA operation on a real target. */
  checkAccess(target: number, call: string): void {
    if (this.fence !== 'none') {
      this.fence = 'used';
      return;
    }
    if (this.lockAll || this.locks.has(target) || this.access?.includes(target)) return;
    const open = this.access === null ? '' : ` (the open Start epoch covers ranks [${this.access.join(', ')}])`;
    throw sync(`${call} to rank ${target} outside an access epoch${open}: call Fence(), Lock(${target}), Lock_all() or Start() first`);
  }

  /** A Fence with `assertion` (checked modes only): MODE_NOSUCCEED starts no epoch, MODE_NOPRECEDE promises none ends. */
  fenceCall(assertion: number): void {
    const open = this.openEpoch();
    if (open !== null) throw sync(`Fence() while ${open} is open: fence epochs cannot be mixed with other kinds; end it first`);
    if ((assertion & MODE_NOPRECEDE) !== 0 && this.fence === 'used') {
      throw sync('Fence(MODE_NOPRECEDE) after RMA calls since the last Fence(): MODE_NOPRECEDE says there are none to complete; drop it from this Fence');
    }
    this.fence = (assertion & MODE_NOSUCCEED) !== 0 ? 'none' : 'ready';
  }

  lock(target: number, exclusive: boolean): void {
    // Messages are built only when raised: Lock is on the latency path.
    if (this.fence === 'used') throw this.mixedWithFence(lockCall(target, exclusive));
    this.fence = 'none';
    if (this.lockAll) throw sync(`${lockCall(target, exclusive)} inside a Lock_all() epoch: the target is already locked; call Unlock_all() first`);
    if (this.locks.has(target)) throw sync(`${lockCall(target, exclusive)}: rank ${target} is already locked by this rank; call Unlock(${target}) first`);
    if (this.access !== null) throw sync(`${lockCall(target, exclusive)} inside a Start() epoch: call Complete() first`);
    this.locks.add(target, exclusive);
  }

  /** Returns whether the lock being released was exclusive. */
  unlock(target: number): boolean {
    const exclusive = this.locks.get(target);
    if (exclusive === undefined) {
      const hint = this.lockAll ? ' (this rank holds Lock_all(); end it with Unlock_all())' : '';
      throw sync(`Unlock(${target}): rank ${target} is not locked by this rank${hint}`);
    }
    this.locks.delete(target);
    return exclusive;
  }

  lockAllCall(): void {
    this.leaveReadyFence('Lock_all()');
    if (this.lockAll) throw sync('Lock_all() inside a Lock_all() epoch: call Unlock_all() first');
    if (this.locks.size > 0) throw sync(`Lock_all() while ranks [${this.locks.targets().join(', ')}] are locked by this rank: Unlock them first`);
    if (this.access !== null) throw sync('Lock_all() inside a Start() epoch: call Complete() first');
    this.lockAll = true;
  }

  unlockAllCall(): void {
    if (!this.lockAll) throw sync('Unlock_all() without Lock_all()');
    this.lockAll = false;
  }

  /**
   * Calls valid only in a passive-target epoch on `target` (any target when null): the flushes
   * and the request-based operations (Rput...). `call` is the bare name, `Flush` or `Rput`.
   */
  checkPassive(target: number | null, call: string): void {
    const ok = this.lockAll || (target === null ? this.locks.size > 0 : this.locks.has(target));
    if (ok) return;
    const where = target === null ? `${call}() outside a passive-target epoch` : `${call} to rank ${target} outside a passive-target epoch on it`;
    throw sync(`${where}: ${call} is only valid between Lock and Unlock (or Lock_all and Unlock_all)`);
  }

  startCall(targets: readonly number[]): void {
    this.leaveReadyFence('Start()');
    if (this.access !== null) throw sync('Start() while a Start() epoch is open: call Complete() first');
    if (this.lockAll || this.locks.size > 0) throw sync('Start() inside a passive-target (Lock) epoch: Unlock first');
    this.access = targets;
  }

  /** Ends the access epoch; returns its group. */
  completeCall(): readonly number[] {
    const targets = this.access;
    if (targets === null) throw sync('Complete() without Start()');
    this.access = null;
    return targets;
  }

  postCall(origins: readonly number[]): void {
    this.leaveReadyFence('Post()');
    if (this.exposure !== null) throw sync('Post() while a Post() epoch is open: call Wait() first');
    this.exposure = origins;
  }

  /** The open exposure epoch's group; it stays open until `endExposure`. */
  exposureGroup(call: string): readonly number[] {
    if (this.exposure === null) throw sync(`${call} without Post()`);
    return this.exposure;
  }

  endExposure(): void {
    this.exposure = null;
  }

  checkFree(): void {
    const open = this.openEpoch() ?? (this.fence === 'used' ? 'a fence epoch with RMA calls since the last Fence()' : null);
    if (open !== null) throw sync(`Free() while ${open} is open: end it first (the last Fence(), Unlock, Complete() or Wait())`);
  }

  private openEpoch(): string | null {
    if (this.lockAll) return 'a Lock_all() epoch';
    if (this.locks.size > 0) return `a Lock epoch on ranks [${this.locks.targets().join(', ')}]`;
    if (this.access !== null) return 'a Start() epoch';
    if (this.exposure !== null) return 'a Post() epoch';
    return null;
  }

  private leaveReadyFence(call: string): void {
    if (this.fence === 'used') throw this.mixedWithFence(call);
    this.fence = 'none';
  }

  private mixedWithFence(call: string) {
    return sync(`${call} inside a fence epoch with RMA calls: fence and other epochs cannot be mixed; call Fence() first to end it`);
  }
}

function lockCall(target: number, exclusive: boolean): string {
  return `Lock(${target}, ${exclusive ? 'LOCK_EXCLUSIVE' : 'LOCK_SHARED'})`;
}

function sync(message: string) {
  return mpiError('ERR_RMA_SYNC', message);
}
