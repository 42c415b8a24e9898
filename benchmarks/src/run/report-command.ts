/** `threadmpi-bench report a.json [b.json ...]`: saved reports rendered again, merged into one. */
import { readFile, writeFile } from 'node:fs/promises';
import { formatHtml } from '../html/page.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatText } from '../format/text.js';
import type { ReportOptions } from '../program.js';
import type { BenchReport } from '../report.js';
import { UsageError } from '../errors.js';

/** Several reports become one: the first one's machine, every result. */
export function mergeReports(reports: readonly BenchReport[]): BenchReport {
  const [first] = reports;
  if (first === undefined) throw new UsageError('report needs at least one JSON file');
  return { ...first, results: reports.flatMap((report) => report.results) };
}

async function readReport(file: string): Promise<BenchReport> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<BenchReport>;
  if (parsed.tool !== 'threadmpi-bench' || !Array.isArray(parsed.results)) {
    throw new UsageError(`${file} is not a threadmpi-bench --json report`);
  }
  // Reports written before a field existed read as if it had its empty value.
  const results = parsed.results.map((result) => ({ ...result, problems: result.problems ?? [], nativeVariant: result.nativeVariant ?? null, checks: result.checks ?? null }));
  return { ...(parsed as BenchReport), results };
}

export async function runReport(files: string[], options: ReportOptions): Promise<void> {
  const report = mergeReports(await Promise.all(files.map(readReport)));
  if (options.markdown !== undefined) await writeFile(options.markdown, formatMarkdown(report));
  if (options.html !== undefined) await writeFile(options.html, formatHtml(report));
  if (options.markdown === undefined && options.html === undefined) process.stdout.write(formatText(report, options.format));
}
