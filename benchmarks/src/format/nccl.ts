/**
 * The nccl-tests layout for collectives: `size count type redop root time algbw busbw #wrong`, where
 * size is nccl-tests' (all ranks' bytes for the gather family), time the mean over ranks in us, and
 * the bandwidths in GB/s. Results that are not collectives keep the OSU layout.
 */
import type { BenchmarkResult, BenchReport, CollectiveInfo, Column, Row } from '../report.js';
import { formatNumber, layoutTable, numeric, type TextColumn } from './layout.js';
import { describeRun, formatOsuResult, problemLines, reportHeader } from './osu.js';

const text = (header: string, value: string): TextColumn => ({ header, cell: () => value });

function ncclColumns(info: CollectiveInfo, columns: readonly Column[]): TextColumn[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const own = ['size', 'avg_latency_us', 'min_latency_us', 'max_latency_us', 'iterations', 'algbw_gbs', 'busbw_gbs', 'wrong'];
  const figure = (key: string, header: string): TextColumn => numeric(byKey.get(key)!, header);
  const bytes = (row: Row): number | null => row.nccl_bytes ?? null;
  return [
    { header: 'size', cell: (row) => formatNumber(bytes(row), 0) },
    { header: 'count', cell: (row) => formatNumber(bytes(row) === null ? null : bytes(row)! / info.elementBytes, 0) },
    text('type', info.element),
    text('redop', info.redop),
    text('root', String(info.root)),
    figure('avg_latency_us', 'time'),
    figure('algbw_gbs', 'algbw'),
    figure('busbw_gbs', 'busbw'),
    figure('wrong', '#wrong'),
    ...columns.filter((column) => !own.includes(column.key)).map((column) => numeric(column)),
  ];
}

/** nccl-tests' second header line, under size, count, time and the bandwidths. */
const UNITS = ['(B)', '(elements)', '', '', '', '(us)', '(GB/s)', '(GB/s)'];

export function formatNcclResult(result: BenchmarkResult): string {
  if (result.collective === null) return formatOsuResult(result);
  const columns = ncclColumns(result.collective, result.columns);
  const [header] = layoutTable(columns, [], { headerMark: '#' });
  // The units line is a row whose cells are the units, under the same widths.
  const [, units] = layoutTable(columns.map((column, i) => ({ header: column.header, cell: () => UNITS[i] ?? '' })), [{}]);
  return [
    `# ${result.title} (nccl-tests layout)`,
    `# ${describeRun(result)}`,
    ...result.notes.map((note) => `# ${note}`),
    ...problemLines(result),
    header!,
    `#${units!.slice(1)}`.trimEnd(),
    ...layoutTable(columns, result.rows).slice(1),
  ].join('\n');
}

export function formatNcclReport(report: BenchReport): string {
  return [reportHeader(report), ...report.results.map(formatNcclResult)].join('\n\n') + '\n';
}
