/**
 * The timing loops every measurement shares. The caller builds its buffers and its `body` closure before
 * calling, and the loops themselves create nothing, so the benchmark adds no allocation to what it
 * measures. One exception sits in Node, not here: `performance.now()` returns a fresh heap number
 * (measured: about one minor GC per 60,000 reads), so `timeRoundTrips`, which stamps every round trip
 * for Min/Max as osu_latency does, pays that per iteration; `timeIterations` reads the clock twice per
 * step. The latency table's `hand-written` column (two clock reads, no helpers) shows what it costs.
 */
import { nowUs } from './clock.js';
import type { LatencyTiming, MessageStep } from './timing.js';

/** Stamps taken before each timed round trip, plus one after the last. */
export function roundTripStamps(step: MessageStep): Float64Array {
  return new Float64Array(step.iterations + 1);
}

/**
 * Records that `completed` round trips are done (and the next one starts). Warm-up round trips leave no
 * stamp. One clock read per round trip: the gap between consecutive stamps is one round trip.
 */
export function markRoundTrip(stamps: Float64Array, step: MessageStep, completed: number): void {
  if (completed >= step.warmup) stamps[completed - step.warmup] = nowUs();
}

/**
 * Latency = time of one iteration / `legs`, averaged over the timed span, min/max over single
 * iterations. A ping-pong round trip has two legs (one-way latency); a one-sided operation one.
 */
export function summarizeRoundTrips(stamps: Float64Array, step: MessageStep, legs = 2): LatencyTiming {
  const n = step.iterations;
  let minUs = Infinity;
  let maxUs = 0;
  for (let i = 0; i < n; i++) {
    const oneWay = (stamps[i + 1]! - stamps[i]!) / legs;
    if (oneWay < minUs) minUs = oneWay;
    if (oneWay > maxUs) maxUs = oneWay;
  }
  return { metric: 'latency', avgUs: (stamps[n]! - stamps[0]!) / (legs * n), minUs, maxUs, iterations: n };
}

/** Runs `roundTrip` warmup + iterations times, timing each timed one; see summarizeRoundTrips for `legs`. */
export function timeRoundTrips(step: MessageStep, roundTrip: () => void, legs = 2): LatencyTiming {
  const stamps = roundTripStamps(step);
  const total = step.warmup + step.iterations;
  for (let i = 0; i < total; i++) {
    markRoundTrip(stamps, step, i);
    roundTrip();
  }
  markRoundTrip(stamps, step, total);
  return summarizeRoundTrips(stamps, step, legs);
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
