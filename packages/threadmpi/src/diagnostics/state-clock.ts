/**
 * When each rank last changed state (became BLOCKED or FINISHED), so the deadlock monitor counts
 * deadlockMs from the exact moment every rank was blocked, not from when it happened to notice.
 *
 * A stamp is a millisecond wall clock truncated to 32 bits, so it fits one Int32 word of the rank's
 * line; differences are taken modulo 2^32, which is exact for spans under 24 days. Wall clock (not
 * performance.now(), whose origin differs per thread) so that stamps from all threads compare.
 */

/** The wrapped millisecond clock that stamps are taken from. */
export function clockMs32(): number {
  return Math.floor(performance.timeOrigin + performance.now()) | 0;
}

/** Milliseconds from `stamp` to `now` (both from clockMs32). */
export function msSince(stamp: number, now: number = clockMs32()): number {
  return (now - stamp) | 0;
}

/** Record "this rank changed state now" in its line; called before the new state is published. */
export function stampStateChange(control: Int32Array, word: number): void {
  Atomics.store(control, word, clockMs32());
}
