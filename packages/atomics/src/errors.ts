/** The errors this package raises on misuse, built in one place so their messages stay consistent. */

/** A thread unlocked a Mutex it does not hold, or tried to lock one it already holds. */
export class LockOwnershipError extends Error {
  override readonly name = 'LockOwnershipError';
}
