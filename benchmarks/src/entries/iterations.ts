/** The OSU Micro-Benchmarks' iteration defaults (osu_util.h), so `-i`/`-x` mean what they mean there. */
import { KiB, type IterationPolicy } from '../sizes.js';

/** OSU's LARGE_MESSAGE_SIZE: above it, fewer iterations are enough to time precisely. */
const LARGE_ABOVE = 8 * KiB;

/** osu_latency, and the one-sided latency tests. */
export const OSU_LATENCY_ITERATIONS: IterationPolicy = {
  small: { iterations: 10000, warmup: 100 },
  large: { iterations: 1000, warmup: 10 },
  largeAbove: LARGE_ABOVE,
};

/** osu_bw, osu_bibw and the one-sided bandwidth tests (each iteration moves a whole window). */
export const OSU_BANDWIDTH_ITERATIONS: IterationPolicy = {
  small: { iterations: 100, warmup: 10 },
  large: { iterations: 20, warmup: 2 },
  largeAbove: LARGE_ABOVE,
};

/** The collective tests (osu_allreduce, osu_bcast, ...). */
export const OSU_COLLECTIVE_ITERATIONS: IterationPolicy = {
  small: { iterations: 1000, warmup: 100 },
  large: { iterations: 100, warmup: 10 },
  largeAbove: LARGE_ABOVE,
};

/** Few iterations: enough to see the order of magnitude of every comparison in seconds. */
export const QUICK_ITERATIONS: IterationPolicy = {
  small: { iterations: 1000, warmup: 100 },
  large: { iterations: 100, warmup: 10 },
  largeAbove: LARGE_ABOVE,
};
