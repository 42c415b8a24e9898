import type { BenchReport } from '../report.js';

/** Every failed run and wrong result of a report, one line each, naming the benchmark, ranks and variant. */
export function problemLines(report: BenchReport): string[] {
  return report.results.flatMap((result) =>
    result.problems.map((problem) => `${result.benchmark} np=${result.ranks}${result.variant === null ? '' : ` ${result.variant}`}: ${problem}`),
  );
}
