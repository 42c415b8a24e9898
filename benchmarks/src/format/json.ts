import type { BenchReport } from '../report.js';

/** The whole report, full precision; figures that could not be measured are null. */
export function formatJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
