/** The data every output format (OSU text, JSON, CSV) is written from. */
import type { Metric } from './measure/timing.js';

export interface Column {
  /** Field name in JSON rows and CSV headers, snake_case with the unit (e.g. `avg_latency_us`). */
  readonly key: string;
  /** OSU-style column header (e.g. `Avg Latency(us)`). */
  readonly header: string;
  /** Decimals in the OSU text; JSON and CSV keep full precision. */
  readonly decimals: number;
}

/**
 * One message size; null where a figure is missing (no comparison at that size, a failed run).
 * Collective rows also hold `nccl_bytes`, nccl-tests' size, which no column shows in OSU text.
 */
export type Row = Readonly<Record<string, number | null>>;

/** What nccl-tests' columns say about a collective's data: element type, reduction, root. */
export interface CollectiveInfo {
  readonly collective: string;
  readonly element: string;
  readonly elementBytes: number;
  readonly redop: string;
  /** -1 for collectives without a root. */
  readonly root: number;
}

export interface BenchmarkResult {
  /** Registry name, e.g. `latency`. */
  readonly benchmark: string;
  /** OSU title line, e.g. `OSU MPI Latency Test`. */
  readonly title: string;
  readonly ranks: number;
  /** The collective algorithm (or `default`) or synchronisation mode measured; null without variants. */
  readonly variant: string | null;
  readonly variantKind: 'algorithm' | 'sync' | null;
  readonly collective: CollectiveInfo | null;
  readonly metric: Metric;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** Lines printed as `#` comments under the title: what the ratios mean, what was skipped and why. */
  readonly notes: readonly string[];
  /** Single-figure baselines by key, e.g. `{ sab_spin_8b_us: 0.09 }`. */
  readonly references: Readonly<Record<string, number>>;
  /** Why sizes have no figures (a failed job), or verification failures; empty when all went well. */
  readonly problems: readonly string[];
  /** The variant the native comparison ran (an algorithm forced, a sync mode); null: the MPI library's choice. */
  readonly nativeVariant: string | null;
  /**
   * null: threadmpi ran as by default (checks on). `on`/`off`: one side of a checks comparison
   * (`--checks both`), or `off` alone (`--checks off`).
   */
  readonly checks: ChecksLabel;
  /**
   * The `default` variant of a collective: the algorithm the core's selection ran, by size in
   * bytes (absent in reports written before it was recorded).
   */
  readonly chosen?: Readonly<Record<string, string>>;
}

export type ChecksLabel = 'on' | 'off' | null;

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryBytes: number;
  readonly platform: string;
  readonly arch: string;
  readonly node: string;
  readonly threadmpi: string;
  /** `mpirun --version` of the native MPI compared against, or null when none ran. */
  readonly nativeMpi: string | null;
  /** ISO 8601 start time of the run. */
  readonly date: string;
}

export interface BenchReport {
  readonly tool: string;
  readonly version: string;
  readonly machine: MachineInfo;
  readonly results: readonly BenchmarkResult[];
}
