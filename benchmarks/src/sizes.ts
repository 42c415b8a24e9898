import type { IterationCount } from './measure/timing.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** OSU's size ladder: `for (size = min; size <= max; size = size ? size * 2 : 1)`. */
export function osuSizes(min: number, max: number): number[] {
  const sizes: number[] = [];
  for (let size = min; size <= max; size = size === 0 ? 1 : size * 2) sizes.push(size);
  return sizes;
}

/** OSU runs fewer iterations for large messages, whose round trips are long enough to time precisely. */
export interface IterationPolicy {
  readonly small: IterationCount;
  readonly large: IterationCount;
  /** Sizes above this many bytes count as large (OSU: 8 KiB). */
  readonly largeAbove: number;
}

export function iterationsFor(policy: IterationPolicy, size: number): IterationCount {
  return size > policy.largeAbove ? policy.large : policy.small;
}

/** `4096` -> `4 KiB`, for progress labels and notes. */
export function formatSize(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} B`;
}
