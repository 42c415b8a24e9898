/**
 * The timing loops every measurement shares. The caller builds its buffers and its `body` closure before
 * calling, and the loops themselves create nothing, so the benchmark adds no allocation to what it
 * measures. The clock is the one cost they add: Node's `performance.now()` is a call into C++ of
 * about 50-80 ns that returns a fresh heap number (about one minor GC per 60,000 reads). So
 * `timeIterations` reads it twice per step, and `timeRoundTrips`, which time-stamps round trips for
 * Min/Max as the native programs do, stamps at most MAX_STAMPS times per step: every round trip up
 * to 1000 iterations, every k-th above (10,000 iterations: every 10th), which keeps the clock's
 * share of a 1 us round trip under 1% and the stamps within one small array. The latency table's
 * `hand-written` column (two clock reads, no helpers, paired trials) shows what is left.
 */
import { nowUs } from './clock.js';
import type { LatencyTiming, MessageStep } from './timing.js';

/** Most clock reads `timeRoundTrips` makes per step (plus one at the end). */
export const MAX_STAMPS = 1000;

/** Round trips between consecutive stamps: 1 up to MAX_STAMPS iterations, iterations / MAX_STAMPS above. */
export function roundTripsPerStamp(iterations: number): number {
  return Math.max(1, Math.floor(iterations / MAX_STAMPS));
}

/**
 * Room for the stamps of `step`'s timed round trips, plus one after the last. `per` (round trips per
 * stamp) defaults to what the step's own iteration count gives; the same `per` goes to markRoundTrip
 * and summarizeRoundTrips.
 */
export function roundTripStamps(step: MessageStep, per = roundTripsPerStamp(step.iterations)): Float64Array {
  return new Float64Array(Math.ceil(step.iterations / per) + 1);
}

/**
 * Records that `completed` round trips are done (and the next one starts). Warm-up round trips leave no
 * stamp; timed ones one every `roundTripsPerStamp` round trips and one after the last. The gap between
 * consecutive stamps is one block of round trips (the last block may be shorter).
 */
export function markRoundTrip(stamps: Float64Array, step: MessageStep, completed: number, per = roundTripsPerStamp(step.iterations)): void {
  const timed = completed - step.warmup;
  if (timed < 0) return;
  if (timed % per === 0) stamps[timed / per] = nowUs();
  else if (timed === step.iterations) stamps[stamps.length - 1] = nowUs();
}

/**
 * Latency = time of one iteration / `legs`, averaged over the timed span; Min/Max over single iterations
 * (over blocks of roundTripsPerStamp iterations above MAX_STAMPS). A ping-pong round trip has two legs
 * (one-way latency); a one-sided operation one.
 */
export function summarizeRoundTrips(stamps: Float64Array, step: MessageStep, legs = 2, per = roundTripsPerStamp(step.iterations)): LatencyTiming {
  const n = step.iterations;
  const blocks = stamps.length - 1;
  let minUs = Infinity;
  let maxUs = 0;
  for (let j = 0; j < blocks; j++) {
    const roundTrips = Math.min(per, n - j * per);
    const oneWay = (stamps[j + 1]! - stamps[j]!) / (legs * roundTrips);
    if (oneWay < minUs) minUs = oneWay;
    if (oneWay > maxUs) maxUs = oneWay;
  }
  return { metric: 'latency', avgUs: (stamps[blocks]! - stamps[0]!) / (legs * n), minUs, maxUs, iterations: n };
}

/**
 * Runs `roundTrip` warmup + iterations times, timing the timed ones; see summarizeRoundTrips for
 * `legs`, roundTripStamps for `per` (a shorter trial of a longer measurement passes the longer one's).
 */
export function timeRoundTrips(step: MessageStep, roundTrip: () => void, legs = 2, per = roundTripsPerStamp(step.iterations)): LatencyTiming {
  const stamps = roundTripStamps(step, per);
  const total = step.warmup + step.iterations;
  for (let i = 0; i < total; i++) {
    markRoundTrip(stamps, step, i, per);
    roundTrip();
  }
  markRoundTrip(stamps, step, total, per);
  return summarizeRoundTrips(stamps, step, legs, per);
}

/** Runs `body` warmup + iterations times; returns the microseconds the timed iterations took. */
export function timeIterations(step: MessageStep, body: () => void): number {
  for (let i = 0; i < step.warmup; i++) body();
  const start = nowUs();
  for (let i = 0; i < step.iterations; i++) body();
  return nowUs() - start;
}

/** The passive side of a ping-pong: same number of iterations, nothing timed. */
export function repeat(step: MessageStep, body: () => void): void {
  const total = step.warmup + step.iterations;
  for (let i = 0; i < total; i++) body();
}
