/**
 * Which algorithm was fastest where: for one collective benchmark, per (rank count, size), the
 * registered algorithm with the lowest average latency, and how the core's own choice (`default`)
 * compares with it. Used by `tune` (rules files), the HTML heat map and docs/performance.md.
 * Rows with wrong results or failed runs never win.
 */
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import type { BenchmarkResult } from '../report.js';

export interface BestCell {
  readonly ranks: number;
  readonly size: number;
  readonly algorithm: string;
  readonly avgUs: number;
  /** The `default` variant's latency at this point, when it was measured. */
  readonly defaultUs: number | null;
}

/**
 * Algorithm results of `benchmark`, one per (ranks, algorithm). Runs with checks off are left out:
 * the algorithms are compared as a program runs them by default.
 */
function algorithmResults(results: readonly BenchmarkResult[], benchmark: string): BenchmarkResult[] {
  return results.filter((result) => result.benchmark === benchmark && result.variantKind === 'algorithm' && result.checks !== 'off');
}

function validLatency(row: BenchmarkResult['rows'][number]): number | null {
  const avg = row.avg_latency_us;
  if (avg === null || avg === undefined || (row.wrong ?? 0) > 0) return null;
  return avg;
}

/** Best cells sorted by ranks, then size. */
export function bestAlgorithms(results: readonly BenchmarkResult[], benchmark: string): BestCell[] {
  const cells = new Map<string, { ranks: number; size: number; algorithm: string | null; avgUs: number; defaultUs: number | null }>();
  for (const result of algorithmResults(results, benchmark)) {
    for (const row of result.rows) {
      const avg = validLatency(row);
      const size = row.size!;
      const key = `${result.ranks}:${size}`;
      const cell = cells.get(key) ?? { ranks: result.ranks, size, algorithm: null, avgUs: Infinity, defaultUs: null };
      cells.set(key, cell);
      if (avg === null) continue;
      // The first measurement of `default` at a point counts (a checks comparison may measure it again).
      if (result.variant === DEFAULT_ALGORITHM) cell.defaultUs ??= avg;
      else if (avg < cell.avgUs) {
        cell.algorithm = result.variant;
        cell.avgUs = avg;
      }
    }
  }
  return [...cells.values()]
    .filter((cell): cell is BestCell => cell.algorithm !== null)
    .sort((a, b) => a.ranks - b.ranks || a.size - b.size);
}

/** Benchmarks in `results` that measured more than one algorithm, in first-seen order. */
export function comparedCollectives(results: readonly BenchmarkResult[]): string[] {
  const seen = new Map<string, Set<string>>();
  for (const result of results) {
    if (result.variantKind !== 'algorithm' || result.variant === DEFAULT_ALGORITHM || result.checks === 'off') continue;
    const variants = seen.get(result.benchmark) ?? new Set();
    variants.add(result.variant!);
    seen.set(result.benchmark, variants);
  }
  return [...seen].filter(([, variants]) => variants.size > 1).map(([name]) => name);
}
