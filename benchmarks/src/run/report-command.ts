/**
 * `threadmpi-bench report a.json [b.json ...]`: saved reports rendered again, merged into one. A file
 * written by `threadmpi-bench startup --json` joins as a `startup` result.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { formatHtml } from '../html/page.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatText } from '../format/text.js';
import type { ReportOptions } from '../program.js';
import { BENCH_VERSION } from '../machine.js';
import type { BenchmarkResult, BenchReport, MachineInfo } from '../report.js';
import type { StartupFigures, StartupOptions } from '../startup/command.js';
import { UsageError } from '../errors.js';

/** Several reports become one: the first one's machine, every result. */
export function mergeReports(reports: readonly BenchReport[]): BenchReport {
  const [first] = reports;
  if (first === undefined) throw new UsageError('report needs at least one JSON file');
  return { ...first, results: reports.flatMap((report) => report.results) };
}

/** What `threadmpi-bench startup --json` writes (startup/command.ts). */
interface SavedStartup {
  readonly benchmark: 'startup';
  readonly machine: MachineInfo;
  readonly options: Pick<StartupOptions, 'ranks' | 'runs' | 'warmup'>;
  readonly figures: readonly StartupFigures[];
}

function isSavedStartup(value: unknown): value is SavedStartup {
  const candidate = value as Partial<SavedStartup> | null;
  return candidate?.benchmark === 'startup' && Array.isArray(candidate.figures) && typeof candidate.options?.ranks === 'number';
}

const US_PER_MS = 1000;

/**
 * A saved start-up measurement as a report result: `threadmpi run -n N` of the JavaScript
 * hello-world, its median wall-clock time as the latency (us), with `node -e 0` and `mpirun -n N`
 * of the C hello-world as comparisons (`native`), so the Targets table and the Markdown read it.
 */
export function startupReport(saved: SavedStartup): BenchReport {
  const { ranks, runs, warmup } = saved.options;
  const own = saved.figures.find((f) => f.name.startsWith('threadmpi run') && f.name.endsWith('.js'));
  const node = saved.figures.find((f) => f.name.startsWith('node '));
  const native = saved.figures.find((f) => f.name.startsWith('mpirun'));
  const us = (ms: number | undefined): number | null => (ms === undefined || !Number.isFinite(ms) ? null : ms * US_PER_MS);
  const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);
  const ownUs = us(own?.medianMs);
  const nodeUs = us(node?.medianMs);
  const nativeUs = us(native?.medianMs);
  const result: BenchmarkResult = {
    benchmark: 'startup',
    title: `threadmpi start-up: threadmpi run -n ${ranks} of a hello-world`,
    ranks,
    variant: null,
    variantKind: null,
    collective: null,
    metric: 'latency',
    columns: [
      { key: 'size', header: 'Size', decimals: 0 },
      { key: 'avg_latency_us', header: 'Median(us)', decimals: 0 },
      { key: 'min_latency_us', header: 'Min(us)', decimals: 0 },
      { key: 'iterations', header: 'Runs', decimals: 0 },
      { key: 'node_us', header: 'node -e 0(us)', decimals: 0 },
      { key: 'vs_node', header: 'vs node -e 0', decimals: 2 },
      { key: 'native_us', header: 'mpirun(us)', decimals: 0 },
      { key: 'vs_native', header: 'vs mpirun', decimals: 2 },
    ],
    rows: [{
      size: 0, avg_latency_us: ownUs, min_latency_us: us(own?.minMs), iterations: own?.runs ?? 0,
      node_us: nodeUs, vs_node: ratio(ownUs, nodeUs), native_us: nativeUs, vs_native: ratio(ownUs, nativeUs),
    }],
    notes: [
      `wall-clock from spawn to exit, median of ${runs} interleaved rounds after ${warmup} warm-up (threadmpi-bench startup)`,
      native === undefined ? 'mpirun not measured (no native MPI)' : `mpirun: ${native.name}`,
    ],
    references: {},
    problems: saved.figures.filter((f) => f.failures > 0).map((f) => `${f.name}: ${f.failures} failed run(s)`),
    nativeVariant: null,
    checks: null,
  };
  return { tool: 'threadmpi-bench', version: BENCH_VERSION, machine: saved.machine, results: [result] };
}

async function readReport(file: string): Promise<BenchReport> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<BenchReport>;
  if (isSavedStartup(parsed)) return startupReport(parsed);
  if (parsed.tool !== 'threadmpi-bench' || !Array.isArray(parsed.results)) {
    throw new UsageError(`${file} is not a threadmpi-bench --json report`);
  }
  // Reports written before a field existed read as if it had its empty value.
  const results = parsed.results.map((result) => ({ ...result, problems: result.problems ?? [], nativeVariant: result.nativeVariant ?? null, checks: result.checks ?? null }));
  return { ...(parsed as BenchReport), results };
}

export { readReport };

export async function runReport(files: string[], options: ReportOptions): Promise<void> {
  const report = mergeReports(await Promise.all(files.map(readReport)));
  if (options.markdown !== undefined) await writeFile(options.markdown, formatMarkdown(report));
  if (options.html !== undefined) await writeFile(options.html, formatHtml(report));
  if (options.markdown === undefined && options.html === undefined) process.stdout.write(formatText(report, options.format));
}
