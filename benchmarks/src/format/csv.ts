import { stringify } from 'csv-stringify/sync';
import type { BenchReport } from '../report.js';

/**
 * One CSV row per (benchmark, ranks, variant, checks, size), full precision (`checks` is on or off). Results with different columns share one
 * header (the union, in first-seen order; absent cells are empty), and each row repeats the machine
 * fields, so files from several machines can simply be concatenated and compared.
 */
export function formatCsv(report: BenchReport): string {
  const figureKeys = [...new Set(report.results.flatMap((result) => result.columns.map((column) => column.key)))];
  const { machine } = report;
  const machineFields = {
    date: machine.date,
    node: machine.node,
    cpus: machine.cpus,
    cpu_model: machine.cpuModel,
    threadmpi: machine.threadmpi,
  };
  // The variant (algorithm or sync mode) is empty for benchmarks without variants.
  const records = report.results.flatMap((result) =>
    result.rows.map((row) => ({
      benchmark: result.benchmark, ranks: result.ranks, variant: result.variant ?? '', checks: result.checks ?? 'on', ...row, ...machineFields,
    })),
  );
  return stringify(records, { header: true, columns: ['benchmark', 'ranks', 'variant', 'checks', ...figureKeys, ...Object.keys(machineFields)] });
}
