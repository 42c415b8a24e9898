/**
 * Every benchmark the CLI knows, by name. A new benchmark (a collective such as `allreduce`, a one-sided
 * `put_latency`, ...) is one more entry: a rank module exporting `fn(comm, step, ...rankArgs)` that
 * returns a Timing on rank 0, its defaults, and optionally the baselines and the native program it is
 * compared with. Suites (like `quick`) are named lists of entries with their own sizes and iterations.
 */
import type { SizedBaselineName } from './baselines/catalog.js';
import type { PayloadKind } from './measure/payload.js';
import type { Metric } from './measure/timing.js';
import type { NativeCounterpart } from './native/measure.js';
import { KiB, MiB, type IterationPolicy } from './sizes.js';

export interface BenchmarkEntry {
  readonly description: string;
  /** OSU title line. */
  readonly title: string;
  readonly metric: Metric;
  /** What the baselines send: bytes of each size, or value messages with that many entries. */
  readonly payload: PayloadKind;
  /** Module the ranks import, and the export each rank calls as `fn(comm, step, ...rankArgs)`. */
  readonly ranksModule: URL;
  readonly fn: string;
  readonly rankArgs: readonly unknown[];
  readonly ranks: { readonly default: readonly number[]; readonly min: number; readonly max: number };
  readonly sizes: { readonly min: number; readonly max: number };
  readonly iterations: IterationPolicy;
  /** Baselines measured at every size and compared row by row. */
  readonly baselines: readonly SizedBaselineName[];
  /** Also report the bare SharedArrayBuffer spin ping-pong (8 B) as a single reference figure. */
  readonly spinReference: boolean;
  readonly native: NativeCounterpart | null;
  /** Printed under the title, e.g. what Size means when it is not bytes. */
  readonly notes: readonly string[];
}

const PT2PT_MODULE = new URL('./ranks/pt2pt.js', import.meta.url);
const PT2PT_RANKS = { default: [2], min: 2, max: 2 } as const;
/** OSU's window of outstanding messages in osu_bw / osu_bibw. */
const WINDOW = 64;

/** osu_latency's defaults. */
const OSU_LATENCY_ITERATIONS: IterationPolicy = {
  small: { iterations: 10000, warmup: 100 },
  large: { iterations: 1000, warmup: 10 },
  largeAbove: 8 * KiB,
};

/** osu_bw's and osu_bibw's defaults (each iteration moves a whole window). */
const OSU_BANDWIDTH_ITERATIONS: IterationPolicy = {
  small: { iterations: 100, warmup: 10 },
  large: { iterations: 20, warmup: 2 },
  largeAbove: 8 * KiB,
};

const windowed = (fn: 'bw' | 'bibw', title: string, description: string): BenchmarkEntry => ({
  description,
  title,
  metric: 'bandwidth',
  payload: 'bytes',
  ranksModule: PT2PT_MODULE,
  fn,
  rankArgs: [WINDOW],
  ranks: PT2PT_RANKS,
  sizes: { min: 1, max: 4 * MiB },
  iterations: OSU_BANDWIDTH_ITERATIONS,
  baselines: ['copy'],
  spinReference: false,
  native: { program: 'bw', leadingArgs: [fn, String(WINDOW)] },
  notes: [`window of ${WINDOW} messages`],
});

export const BENCHMARKS = {
  latency: {
    description: 'ping-pong one-way latency of typed-array Send/Recv (osu_latency)',
    title: 'OSU MPI Latency Test',
    metric: 'latency',
    payload: 'bytes',
    ranksModule: PT2PT_MODULE,
    fn: 'latency',
    rankArgs: [],
    ranks: PT2PT_RANKS,
    sizes: { min: 0, max: 4 * MiB },
    iterations: OSU_LATENCY_ITERATIONS,
    baselines: ['postmessage', 'copy'],
    spinReference: true,
    native: { program: 'latency', leadingArgs: [] },
    notes: ['Min/Max over single round trips'],
  },
  bw: windowed('bw', 'OSU MPI Bandwidth Test', 'windowed Isend/Irecv bandwidth, 4-byte ack per window (osu_bw)'),
  bibw: windowed('bibw', 'OSU MPI Bi-Directional Bandwidth Test', 'windowed bandwidth in both directions at once (osu_bibw)'),
  value_latency: {
    description: 'ping-pong one-way latency of value send/recv of {from, tag, data: [{k, v}, ...]}',
    title: 'threadmpi Value Latency Test (send/recv)',
    metric: 'latency',
    payload: 'value',
    ranksModule: PT2PT_MODULE,
    fn: 'valueLatency',
    rankArgs: [],
    ranks: PT2PT_RANKS,
    sizes: { min: 1, max: 64 },
    iterations: OSU_LATENCY_ITERATIONS,
    baselines: ['postmessage'],
    spinReference: false,
    native: null,
    notes: ['Size = number of {k, v} entries in data of {from, tag, data}'],
  },
} as const satisfies Record<string, BenchmarkEntry>;

export type BenchmarkName = keyof typeof BENCHMARKS;

export interface SuiteMember {
  readonly benchmark: BenchmarkName;
  readonly sizes: readonly number[];
  readonly iterations: IterationPolicy;
}

export interface SuiteEntry {
  readonly description: string;
  readonly members: readonly SuiteMember[];
}

/** Few iterations: enough to see the order of magnitude of every comparison in seconds. */
const QUICK_ITERATIONS: IterationPolicy = {
  small: { iterations: 1000, warmup: 100 },
  large: { iterations: 100, warmup: 10 },
  largeAbove: 8 * KiB,
};

export const SUITES = {
  quick: {
    description: 'short run: latency at 8 B, 4 KiB, 64 KiB, 4 MiB and value latency, with baselines and native MPI',
    members: [
      { benchmark: 'latency', sizes: [8, 4 * KiB, 64 * KiB, 4 * MiB], iterations: QUICK_ITERATIONS },
      { benchmark: 'value_latency', sizes: [1], iterations: QUICK_ITERATIONS },
    ],
  },
} as const satisfies Record<string, SuiteEntry>;

/** Every name the CLI accepts, with its one-line description. */
export function registryListing(): Array<{ readonly name: string; readonly description: string }> {
  return [...Object.entries(BENCHMARKS), ...Object.entries(SUITES)].map(([name, entry]) => ({
    name,
    description: entry.description,
  }));
}
