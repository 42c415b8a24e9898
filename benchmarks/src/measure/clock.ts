import { performance } from 'node:perf_hooks';

/**
 * Microseconds on the monotonic clock. The threadmpi ranks, the baseline workers and the copy loop all
 * read this one clock, so their figures differ only by what they measure, not by how they time it.
 */
export function nowUs(): number {
  return performance.now() * 1000;
}
