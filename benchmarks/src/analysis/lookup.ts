/** Finding one figure in a report: a result by benchmark, rank count and variant, a row by size. */
import type { BenchmarkResult, BenchReport, Row } from '../report.js';

export interface Where {
  readonly benchmark: string;
  readonly ranks?: number;
  /** Omitted: the result without variants, or the first one. */
  readonly variant?: string;
  /** Omitted: any run with checks on (a default run comes before a comparison's in a report). */
  readonly checks?: 'on' | 'off';
  readonly size: number;
}

export function findResult(report: BenchReport, where: Omit<Where, 'size'>): BenchmarkResult | undefined {
  return report.results.find(
    (result) =>
      result.benchmark === where.benchmark &&
      (where.ranks === undefined || result.ranks === where.ranks) &&
      (where.variant === undefined || result.variant === where.variant) &&
      (where.checks === undefined ? result.checks !== 'off' : result.checks === where.checks),
  );
}

export function findRow(report: BenchReport, where: Where): Row | undefined {
  return findResult(report, where)?.rows.find((row) => row.size === where.size);
}

/** A cell as a number, or null when the result, the row or the figure is missing. */
export function figure(report: BenchReport, where: Where, key: string): number | null {
  const value = findRow(report, where)?.[key];
  return value === undefined ? null : value;
}
