/** What the registry knows about one benchmark: how to run it, what to compare it with, how to report it. */
import type { Collective } from 'threadmpi';
import type { SizedBaselineName } from '../baselines/catalog.js';
import type { PayloadKind } from '../measure/payload.js';
import type { Metric } from '../measure/timing.js';
import type { NativeCounterpart } from '../native/measure.js';
import type { IterationPolicy } from '../sizes.js';

/**
 * The versions of one benchmark that are measured and reported separately: a collective's algorithms
 * (`--algo`), or a one-sided benchmark's synchronisation modes (`--sync`).
 */
export interface VariantAxis {
  readonly kind: 'algorithm' | 'sync';
  /** Every variant, in the order `all` runs them. */
  readonly names: readonly string[];
  /** Measured when the command line names none. */
  readonly defaultName: string;
}

/**
 * How a collective's figures translate into the other suites' terms, and into the core's selection.
 * Sizes passed in are OSU's (see ranks/collectives.ts).
 */
export interface CollectiveShape {
  /** The core's collective (COLLECTIVE_ALGORITHMS key) whose algorithms are the variants. */
  readonly collective: Collective;
  /** nccl-tests' `type` and `redop` columns. */
  readonly element: { readonly name: 'double' | 'int8'; readonly bytes: number };
  readonly redop: 'sum' | 'none';
  /** nccl-tests' `root` column: -1 for collectives without one. */
  readonly root: number;
  /** The bytes nccl-tests counts for one call (its `size`, and what algbw divides by time). */
  ncclBytes(size: number, ranks: number): number;
  /** nccl-tests' busbw = algbw x this factor, so figures compare with the hardware's peak. */
  busFactor(ranks: number): number;
  /** The call's size as the core's selection (select.ts) measures it, for rules files. */
  selectionBytes(size: number, ranks: number): number;
}

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
  readonly variants: VariantAxis | null;
  readonly collective: CollectiveShape | null;
  /** The rank function reports `wrong` (elements that differed from the expected result). */
  readonly verified: boolean;
  /** The rank function's first rank argument is how the window is made (`-w`, one-sided benchmarks). */
  readonly windowCreationArg: boolean;
}
