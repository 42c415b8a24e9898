/**
 * The synchronisation modes of the one-sided benchmarks (OSU's `-s`), as the calls each rank makes
 * around the timed operations. Rank 0 is the origin, rank 1 the target.
 *
 *   flush     Lock(1) once; every iteration ends with Flush(1); Unlock at the end (OSU's default)
 *   lock      every iteration is its own Lock(1) ... Unlock(1) epoch
 *   lock_all  Lock_all once; every iteration ends with Flush(1); Unlock_all at the end
 *   fence     every iteration ends with a Fence on both ranks
 *   pscw      every iteration is Start/Complete at the origin, Post/Wait at the target
 *
 * Each mode is an object of methods made once per window, so the timed loop calls them without
 * creating anything.
 */
import { LOCK_EXCLUSIVE, LOCK_SHARED, type Win } from 'threadmpi';

export const SYNC_MODES = ['flush', 'lock', 'lock_all', 'fence', 'pscw'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export const ORIGIN = 0;
export const TARGET = 1;

export interface Epochs {
  /** Origin, before the loop and after it. */
  openOrigin(): void;
  closeOrigin(): void;
  /** Origin, around each iteration's operations (the end makes them complete at the target). */
  beginIteration(): void;
  endIteration(): void;
  /** Target, before the loop, in each iteration, and after it. */
  openTarget(): void;
  targetIteration(): void;
  closeTarget(): void;
}

const nothing = (): void => {};

export function epochsFor(mode: SyncMode, win: Win): Epochs {
  const passive = { openTarget: nothing, targetIteration: nothing, closeTarget: nothing };
  switch (mode) {
    case 'flush':
      return {
        ...passive,
        openOrigin: () => win.Lock(TARGET, LOCK_SHARED),
        closeOrigin: () => win.Unlock(TARGET),
        beginIteration: nothing,
        endIteration: () => win.Flush(TARGET),
      };
    case 'lock':
      return {
        ...passive,
        openOrigin: nothing,
        closeOrigin: nothing,
        beginIteration: () => win.Lock(TARGET, LOCK_EXCLUSIVE),
        endIteration: () => win.Unlock(TARGET),
      };
    case 'lock_all':
      return {
        ...passive,
        openOrigin: () => win.Lock_all(),
        closeOrigin: () => win.Unlock_all(),
        beginIteration: nothing,
        endIteration: () => win.Flush(TARGET),
      };
    case 'fence': {
      const fence = (): void => win.Fence();
      return {
        openOrigin: fence,
        closeOrigin: nothing,
        beginIteration: nothing,
        endIteration: fence,
        openTarget: fence,
        targetIteration: fence,
        closeTarget: nothing,
      };
    }
    case 'pscw': {
      const origins = [ORIGIN];
      const targets = [TARGET];
      return {
        openOrigin: nothing,
        closeOrigin: nothing,
        beginIteration: () => win.Start(targets),
        endIteration: () => win.Complete(),
        openTarget: nothing,
        targetIteration: () => {
          win.Post(origins);
          win.Wait();
        },
        closeTarget: nothing,
      };
    }
  }
}
