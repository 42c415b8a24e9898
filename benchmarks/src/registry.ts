/**
 * Every benchmark the CLI knows, by name (entries/ holds them by family), and the suites: named lists
 * of entries with their own sizes, iterations, rank counts and variants. A new benchmark is one more
 * entry: a rank module exporting `fn(comm, step, ...rankArgs)` that returns a Timing on rank 0, its
 * defaults, and optionally the baselines and the native program it is compared with.
 */
import { COLLECTIVE_BENCHMARKS } from './entries/collectives.js';
import type { BenchmarkEntry } from './entries/entry.js';
import { QUICK_ITERATIONS } from './entries/iterations.js';
import { ONE_SIDED_BENCHMARKS } from './entries/one-sided.js';
import { PT2PT_BENCHMARKS } from './entries/pt2pt.js';
import type { ChecksSetting } from './options.js';
import { KiB, MiB, type IterationPolicy } from './sizes.js';

export type { BenchmarkEntry, CollectiveShape, VariantAxis } from './entries/entry.js';

export const BENCHMARKS = {
  ...PT2PT_BENCHMARKS,
  ...COLLECTIVE_BENCHMARKS,
  ...ONE_SIDED_BENCHMARKS,
} as const satisfies Record<string, BenchmarkEntry>;

export type BenchmarkName = keyof typeof BENCHMARKS;

export function isBenchmarkName(name: string): name is BenchmarkName {
  return Object.hasOwn(BENCHMARKS, name);
}

/** One benchmark of a suite; what it leaves out is the benchmark's default (or the command line's). */
export interface SuiteMember {
  readonly benchmark: BenchmarkName;
  readonly sizes?: readonly number[];
  readonly iterations?: IterationPolicy;
  readonly ranks?: readonly number[];
  /** Variant names, or `all`. */
  readonly variants?: readonly string[] | 'all';
  /** Checks on (default), off, or both (to measure what they cost). */
  readonly checks?: ChecksSetting;
  /** false: no baselines and no native run (a member that only compares threadmpi with itself). */
  readonly comparisons?: boolean;
}

export interface SuiteEntry {
  readonly description: string;
  readonly members: readonly SuiteMember[];
  /** The suite compares with native MPI whether or not --compare-mpi is given. */
  readonly compareMpi: boolean;
}

const REFERENCE_SIZES = [8, 64, 1 * KiB, 16 * KiB, 128 * KiB, 1 * MiB];
/** Fewer than OSU's collective defaults, so the whole reference sweep stays around ten minutes on 2 cores. */
const REFERENCE_COLLECTIVE_ITERATIONS: IterationPolicy = {
  small: { iterations: 500, warmup: 50 },
  large: { iterations: 50, warmup: 5 },
  largeAbove: 8 * KiB,
};

export const SUITES = {
  quick: {
    description: 'short run: latency at 8 B, 4 KiB, 64 KiB, 4 MiB and value latency, with baselines and native MPI',
    members: [
      { benchmark: 'latency', sizes: [8, 4 * KiB, 64 * KiB, 4 * MiB], iterations: QUICK_ITERATIONS },
      { benchmark: 'value_latency', sizes: [1], iterations: QUICK_ITERATIONS },
    ],
    compareMpi: true,
  },
  reference: {
    description: 'the sweep docs/performance.md is generated from: pt2pt, every collective algorithm at 2, 4 and 8 ranks, one-sided, checks on vs off',
    members: [
      { benchmark: 'latency', sizes: [0, 8, 1 * KiB, 64 * KiB, 1 * MiB, 4 * MiB] },
      { benchmark: 'bw', sizes: [8, 1 * KiB, 64 * KiB, 1 * MiB, 4 * MiB] },
      { benchmark: 'value_latency', sizes: [1, 16] },
      ...(['allreduce', 'bcast', 'reduce', 'allgather', 'alltoall', 'reduce_scatter', 'gather', 'scatter'] as const).map(
        (benchmark): SuiteMember => ({
          benchmark, sizes: REFERENCE_SIZES, ranks: [2, 4, 8], variants: 'all', iterations: REFERENCE_COLLECTIVE_ITERATIONS,
        }),
      ),
      { benchmark: 'barrier', ranks: [2, 4, 8], variants: 'all', iterations: REFERENCE_COLLECTIVE_ITERATIONS },
      { benchmark: 'put_latency', sizes: [8, 1 * KiB, 64 * KiB, 1 * MiB], variants: 'all' },
      { benchmark: 'get_latency', sizes: [8, 1 * KiB, 64 * KiB, 1 * MiB], variants: ['flush'] },
      { benchmark: 'acc_latency', sizes: [8, 1 * KiB, 64 * KiB], variants: ['flush'] },
      { benchmark: 'fop_latency', variants: 'all' },
      { benchmark: 'cas_latency', variants: ['flush'] },
      { benchmark: 'put_bw', sizes: [8, 1 * KiB, 64 * KiB, 1 * MiB, 4 * MiB], variants: ['flush'] },
      // What checking costs (issue 5): checks on and off in alternating trials, threadmpi only.
      { benchmark: 'latency', sizes: [8, 1 * KiB, 64 * KiB], checks: 'both', comparisons: false },
      {
        benchmark: 'allreduce', sizes: [8, 1 * KiB, 128 * KiB], ranks: [2, 8], variants: ['default'],
        iterations: REFERENCE_COLLECTIVE_ITERATIONS, checks: 'both', comparisons: false,
      },
    ],
    compareMpi: true,
  },
} as const satisfies Record<string, SuiteEntry>;

export type SuiteName = keyof typeof SUITES;

/** Every name the CLI accepts, with its one-line description. */
export function registryListing(): Array<{ readonly name: string; readonly description: string }> {
  return [...Object.entries(BENCHMARKS), ...Object.entries(SUITES)].map(([name, entry]) => ({
    name,
    description: entry.description,
  }));
}
