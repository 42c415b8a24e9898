/**
 * The OSU Micro-Benchmarks text format: `#` comment lines, a `# Size ...` header, then one row per size
 * with the size left-aligned in 10 columns and right-aligned figures. Tools that read OSU output read
 * the leading columns; the nccl-tests bandwidths, #wrong and the comparison columns follow them.
 */
import type { BenchmarkResult, BenchReport } from '../report.js';
import { layoutTable, numeric } from './layout.js';

const SIZE_WIDTH = 10;

/** The report's first lines: tool, machine, Node, date, and the native MPI compared against. */
export function reportHeader(report: BenchReport): string {
  const { machine } = report;
  return [
    `# ${report.tool} ${report.version}, threadmpi ${machine.threadmpi}, Node ${machine.node}, ` +
      `${machine.cpus} x ${machine.cpuModel}, ${machine.platform}-${machine.arch}, ${machine.date}`,
    ...(machine.nativeMpi === null ? [] : [`# native: ${machine.nativeMpi}`]),
  ].join('\n');
}

export function formatOsuReport(report: BenchReport): string {
  return [reportHeader(report), ...report.results.map(formatOsuResult)].join('\n\n') + '\n';
}

/** `threadmpi, 4 ranks, algorithm ring[, checks off]`: what was measured, in one line. */
export function describeRun(result: BenchmarkResult): string {
  const variant = result.variant === null ? '' : `, ${result.variantKind === 'sync' ? 'sync' : 'algorithm'} ${result.variant}`;
  const checks = result.checks === null ? '' : `, checks ${result.checks}`;
  return `threadmpi, ${result.ranks} ranks${variant}${checks}`;
}

/** Problems (failed runs, wrong results) as comment lines that stand out. */
export function problemLines(result: BenchmarkResult): string[] {
  return result.problems.map((problem) => `# ERROR: ${problem}`);
}

export function formatOsuResult(result: BenchmarkResult): string {
  if (result.columns.length === 0) throw new Error(`result ${result.benchmark} has no columns`);
  return [
    `# ${result.title}`,
    `# ${describeRun(result)}`,
    ...result.notes.map((note) => `# ${note}`),
    ...problemLines(result),
    ...layoutTable(result.columns.map((column) => numeric(column)), result.rows, { leftFirstWidth: SIZE_WIDTH }),
  ].join('\n');
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
