/**
 * The OSU Micro-Benchmarks text format: `#` comment lines, a `# Size ...` header, then one row per size
 * with the size left-aligned in 10 columns and right-aligned figures. Tools that read OSU output read
 * the leading columns; the comparison columns follow them.
 */
import type { BenchmarkResult, BenchReport, Column, Row } from '../report.js';

const SIZE_WIDTH = 10;
const MIN_FIELD_WIDTH = 12;
const MISSING = '-';

export function formatOsuReport(report: BenchReport): string {
  const { machine } = report;
  const header = [
    `# ${report.tool} ${report.version}, threadmpi ${machine.threadmpi}, Node ${machine.node}, ` +
      `${machine.cpus} x ${machine.cpuModel}, ${machine.platform}-${machine.arch}, ${machine.date}`,
    ...(machine.nativeMpi === null ? [] : [`# native: ${machine.nativeMpi}`]),
  ];
  return [header.join('\n'), ...report.results.map(formatOsuResult)].join('\n\n') + '\n';
}

export function formatOsuResult(result: BenchmarkResult): string {
  const [sizeColumn, ...fields] = result.columns;
  if (sizeColumn === undefined) throw new Error(`result ${result.benchmark} has no columns`);
  const widths = fields.map((column) => Math.max(column.header.length + 2, MIN_FIELD_WIDTH));
  const headerLine =
    `# ${sizeColumn.header}`.padEnd(SIZE_WIDTH) + fields.map((column, i) => column.header.padStart(widths[i]!)).join('');
  const rowLines = result.rows.map(
    (row) =>
      formatCell(row, sizeColumn).padEnd(SIZE_WIDTH) +
      fields.map((column, i) => formatCell(row, column).padStart(widths[i]!)).join(''),
  );
  return [
    `# ${result.title}`,
    `# threadmpi, ${result.ranks} ranks`,
    ...result.notes.map((note) => `# ${note}`),
    headerLine,
    ...rowLines,
  ].join('\n');
}

function formatCell(row: Row, column: Column): string {
  const value = row[column.key];
  return value === null || value === undefined ? MISSING : value.toFixed(column.decimals);
}

/** Reads the data rows of OSU-format text (e.g. a native program's output): every non-comment line's numbers. */
export function parseOsuRows(text: string): number[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const cells = line.split(/\s+/).map(Number);
      if (cells.some(Number.isNaN)) throw new Error(`not an OSU data row: ${JSON.stringify(line)}`);
      return cells;
    });
}
