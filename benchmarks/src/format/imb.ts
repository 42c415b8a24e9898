/**
 * The Intel MPI Benchmarks layout: a dashed block naming the benchmark and #processes, then
 * `#bytes #repetitions t_min[usec] t_max[usec] t_avg[usec]` (for bandwidth, `Mbytes/sec`). The other
 * columns (nccl-tests bandwidths, #wrong, comparisons) follow under their own headers.
 */
import type { BenchmarkResult, BenchReport, Column } from '../report.js';
import { layoutTable, numeric, type TextColumn } from './layout.js';
import { describeRun, problemLines, reportHeader } from './osu.js';

const RULE = `#${'-'.repeat(64)}`;

/** IMB's names for the OSU columns, in IMB's order. */
const IMB_COLUMNS: ReadonlyArray<readonly [key: string, header: string]> = [
  ['size', '#bytes'],
  ['iterations', '#repetitions'],
  ['min_latency_us', 't_min[usec]'],
  ['max_latency_us', 't_max[usec]'],
  ['avg_latency_us', 't_avg[usec]'],
  ['bandwidth_mbs', 'Mbytes/sec'],
];

export function imbColumns(columns: readonly Column[]): TextColumn[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const mapped = IMB_COLUMNS.flatMap(([key, header]) => {
    const column = byKey.get(key);
    return column === undefined ? [] : [numeric(column, header)];
  });
  const mappedKeys = new Set(IMB_COLUMNS.map(([key]) => key));
  return [...mapped, ...columns.filter((column) => !mappedKeys.has(column.key)).map((column) => numeric(column))];
}

export function formatImbResult(result: BenchmarkResult): string {
  return [
    RULE,
    `# Benchmarking ${result.benchmark}`,
    `# #processes = ${result.ranks}`,
    `# ${describeRun(result)}`,
    ...result.notes.map((note) => `# ${note}`),
    ...problemLines(result),
    RULE,
    ...layoutTable(imbColumns(result.columns), result.rows),
  ].join('\n');
}

export function formatImbReport(report: BenchReport): string {
  return [reportHeader(report), ...report.results.map(formatImbResult)].join('\n\n') + '\n';
}
