export { CACHE_LINE_BYTES, INT32_PER_LINE, alignUp, lineWords } from './layout.js';
export { Backoff, defaultSpinUs, SPIN_US, OVERSUBSCRIBED_SPIN_US, type BackoffOptions } from './backoff.js';
export { park, waitWhileEqual, type ParkResult } from './park.js';
export { LockOwnershipError } from './errors.js';
export { Doorbell, type SleepResult } from './doorbell.js';
export { SpscRing } from './spsc-ring.js';
export { Mutex } from './mutex.js';
export { Semaphore } from './semaphore.js';
export { Barrier } from './barrier.js';
