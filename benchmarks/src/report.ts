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

/** One message size; null where a comparison has no figure for that size. */
export type Row = Readonly<Record<string, number | null>>;

export interface BenchmarkResult {
  /** Registry name, e.g. `latency`. */
  readonly benchmark: string;
  /** OSU title line, e.g. `OSU MPI Latency Test`. */
  readonly title: string;
  readonly ranks: number;
  readonly metric: Metric;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** Lines printed as `#` comments under the title: what the ratios mean, what was skipped and why. */
  readonly notes: readonly string[];
  /** Single-figure baselines by key, e.g. `{ sab_spin_8b_us: 0.09 }`. */
  readonly references: Readonly<Record<string, number>>;
}

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
