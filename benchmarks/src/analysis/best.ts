/**
 * Which algorithm was fastest where: for one collective benchmark, per (rank count, size), the
 * registered algorithm with the lowest median batch latency, and how the core's own choice
 * (`default`) compares with it. Used by `tune` (rules files), the HTML heat map, the issue 3 target
 * and docs/performance.md. The median batch, not OSU's average: the variants were timed interleaved
 * in one job (ranks/collective-timing.ts), and the median over their batches ignores the stalls a
 * shared machine puts into a few of them, which the average counts in full (measure/batches.ts).
 * Rows with wrong results or failed runs never win.
 *
 * The selection is judged by the algorithm it chose, on that algorithm's own batches: where the
 * core chose the fastest algorithm, it is the best there, ratio 1. The `default` variant is the
 * same code timed again in other batches of the same job, and on this 2-core machine two such
 * medians of one algorithm differ by 10-50% between them (up to 2x on an oversubscribed point),
 * which says nothing about the choice; its median is still shown. Reports that did not record
 * the choice compare the `default` median.
 */
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import type { BenchmarkResult } from '../report.js';
import { MEDIAN_BATCH_COLUMN } from '../run/table.js';

/** What the comparison is made on, as the tables and targets that show it name it. */
export const COMPARED_ON = 'median batch latency, variants interleaved';

export interface BestCell {
  readonly ranks: number;
  readonly size: number;
  readonly algorithm: string;
  /** The best algorithm's median batch latency, in us. */
  readonly bestUs: number;
  /** The `default` variant's median batch latency at this point, when it was measured. */
  readonly defaultUs: number | null;
  /** The algorithm the core's selection ran at this point, when the report recorded it. */
  readonly chosen: string | null;
  /**
   * What the selection is judged on: the chosen algorithm's median at this point when it was
   * measured, else the `default` variant's; null when neither was.
   */
  readonly selectionUs: number | null;
}

/**
 * Algorithm results of `benchmark`, one per (ranks, algorithm). Runs with checks off are left out:
 * the algorithms are compared as a program runs them by default.
 */
function algorithmResults(results: readonly BenchmarkResult[], benchmark: string): BenchmarkResult[] {
  return results.filter((result) => result.benchmark === benchmark && result.variantKind === 'algorithm' && result.checks !== 'off');
}

function validLatency(row: BenchmarkResult['rows'][number]): number | null {
  const us = row[MEDIAN_BATCH_COLUMN.key];
  if (us === null || us === undefined || (row.wrong ?? 0) > 0) return null;
  return us;
}

/** Best cells sorted by ranks, then size. */
export function bestAlgorithms(results: readonly BenchmarkResult[], benchmark: string): BestCell[] {
  interface Cell {
    ranks: number;
    size: number;
    defaultUs: number | null;
    chosen: string | null;
    /** Each forced algorithm's median at this point: its first measurement. */
    medians: Map<string, number>;
  }
  const cells = new Map<string, Cell>();
  for (const result of algorithmResults(results, benchmark)) {
    for (const row of result.rows) {
      const us = validLatency(row);
      const size = row.size!;
      const key = `${result.ranks}:${size}`;
      const cell = cells.get(key) ?? { ranks: result.ranks, size, defaultUs: null, chosen: null, medians: new Map() };
      cells.set(key, cell);
      if (result.variant === DEFAULT_ALGORITHM) cell.chosen ??= result.chosen?.[size] ?? null;
      if (us === null) continue;
      // The first measurement of a variant at a point counts (a checks comparison may measure it again).
      if (result.variant === DEFAULT_ALGORITHM) cell.defaultUs ??= us;
      else if (!cell.medians.has(result.variant!)) cell.medians.set(result.variant!, us);
    }
  }
  const best: BestCell[] = [];
  for (const { ranks, size, defaultUs, chosen, medians } of cells.values()) {
    let algorithm: string | null = null;
    let bestUs = Infinity;
    for (const [name, us] of medians) {
      if (us < bestUs) {
        algorithm = name;
        bestUs = us;
      }
    }
    if (algorithm === null) continue;
    best.push({ ranks, size, algorithm, bestUs, defaultUs, chosen, selectionUs: (chosen === null ? undefined : medians.get(chosen)) ?? defaultUs });
  }
  return best.sort((a, b) => a.ranks - b.ranks || a.size - b.size);
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
