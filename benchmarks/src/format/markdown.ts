/**
 * docs/performance.md, generated from a reference sweep (`threadmpi-bench reference --json`): the
 * targets as ratios against baselines measured in the same run, then the figures per family. Every
 * ratio compares two numbers from one run on one machine, so it survives the machine being slow.
 */
import { bestAlgorithms, comparedCollectives } from '../analysis/best.js';
import { problemLines } from '../analysis/problems.js';
import { checkTargets } from '../analysis/targets.js';
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import { SYNC_MODES } from '../ranks/epochs.js';
import { BENCHMARKS, isBenchmarkName } from '../registry.js';
import type { BenchmarkResult, BenchReport, Column } from '../report.js';
import { MEDIAN_BATCH_COLUMN } from '../run/table.js';
import { formatSize } from '../sizes.js';
import { formatNumber } from './layout.js';
import { describeRun } from './osu.js';

/** What a per-size table leaves out: spread, counts, the median batch and nccl-tests figures stay in the JSON. */
const SKIPPED = new Set(['min_latency_us', 'max_latency_us', 'iterations', MEDIAN_BATCH_COLUMN.key, 'algbw_gbs', 'busbw_gbs', 'wrong']);

const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

const ratio = (value: number | null): string => (value === null ? '-' : `${value.toFixed(2)}x`);

/** The registry entry a result was measured by (undefined for one the registry no longer has). */
function entryOf(result: BenchmarkResult) {
  return isBenchmarkName(result.benchmark) ? BENCHMARKS[result.benchmark] : undefined;
}

/** Sizes in bytes, except for value messages, whose Size counts entries. */
function sizeLabel(result: BenchmarkResult, size: number): string {
  return entryOf(result)?.payload === 'value' ? `${size} entries` : formatSize(size);
}

function resultTable(result: BenchmarkResult): string {
  // Start-up has one row and no message size.
  const columns: Column[] = result.columns.filter((column) => !SKIPPED.has(column.key) && !(result.benchmark === 'startup' && column.key === 'size'));
  return table(
    columns.map((column) => column.header),
    result.rows.map((row) => columns.map((column) => (column.key === 'size' ? sizeLabel(result, row.size!) : formatNumber(row[column.key], column.decimals)))),
  );
}

/** A size as `-m` takes it, without spaces: 8, 4K, 1M. */
function sizeArgument(bytes: number): string {
  return formatSize(bytes).replace(/ (KiB|MiB|B)$/, (_, unit: string) => (unit === 'B' ? '' : unit[0]!));
}

/**
 * The command that measures these results of one benchmark again: their rank counts, size range,
 * algorithms or synchronisation modes, native MPI when they were compared with it, and the checks
 * setting. It runs the benchmark's own iteration counts (the reference sweep runs fewer for the
 * collectives) and every OSU size of the range, so it measures the sweep's sizes and more.
 */
export function reproduceCommand(results: readonly BenchmarkResult[]): string {
  const first = results[0]!;
  const ranks = [...new Set(results.map((result) => result.ranks))].sort((a, b) => a - b).join(',');
  if (first.benchmark === 'startup') return `node benchmarks/dist/cli.js startup -n ${ranks}`;
  const args = [first.benchmark, '-n', ranks];
  const entry = entryOf(first);
  if (entry === undefined || entry.sizes.min !== entry.sizes.max) {
    const sizes = results.flatMap((result) => result.rows.map((row) => row.size!));
    args.push('-m', `${sizeArgument(Math.min(...sizes))}:${sizeArgument(Math.max(...sizes))}`);
  }
  const variants = [...new Set(results.map((result) => result.variant).filter((v): v is string => v !== null && v !== DEFAULT_ALGORITHM))];
  if (first.variantKind === 'algorithm' && variants.length > 0) args.push('--algo', 'all');
  if (first.variantKind === 'sync' && !(variants.length === 1 && variants[0] === 'flush')) {
    args.push('--sync', variants.length === SYNC_MODES.length ? 'all' : variants.join(','));
  }
  if (results.some((result) => result.columns.some((column) => column.key === 'vs_native' || column.key === 'vs_mpi4py'))) args.push('--compare-mpi');
  if (results.some((result) => result.checks !== null)) args.push('--checks', 'both');
  return `node benchmarks/dist/cli.js ${args.join(' ')}`;
}

function reproduceLine(results: readonly BenchmarkResult[]): string {
  return `Reproduce: \`${reproduceCommand(results)}\``;
}

function reproduce(): string {
  return [
    '```sh',
    'pnpm install && pnpm run build',
    'node benchmarks/dist/cli.js reference --json reference.json --html reference.html   # a few minutes on 2 cores',
    'node benchmarks/dist/cli.js startup -r 10 --json startup.json   # threadmpi run -n 4 against mpirun -n 4',
    'node benchmarks/dist/cli.js report reference.json startup.json --markdown docs/performance.md',
    '# or all at once: pnpm --filter threadmpi-bench run performance-doc',
    '```',
    'Each section below names the command that measures its table alone.',
  ].join('\n');
}

function targetsSection(report: BenchReport): string {
  const rows = checkTargets(report).map((check) => [
    check.target,
    check.measured,
    ratio(check.ratio),
    check.met === null ? 'not measured' : check.met ? 'met' : '**not met**',
  ]);
  return `## Targets\n\n${table(['target', 'measured', 'ratio', ''], rows)}`;
}

/**
 * Per (ranks, size): the core's choice against the best algorithm on the median batch (what
 * analysis/best.ts compares on), then against native MPI on OSU's average, the figure the native
 * program reports.
 */
function collectiveSummary(report: BenchReport, benchmark: string): string {
  const results = report.results.filter((result) => result.benchmark === benchmark && result.checks !== 'off');
  const rows = bestAlgorithms(report.results, benchmark).map((cell) => {
    const at = (result: BenchmarkResult | undefined) => result?.rows.find((row) => row.size === cell.size);
    // Native MPI with its own algorithm choice, the counterpart of threadmpi's default.
    const native = at(results.find((result) => result.ranks === cell.ranks && result.nativeVariant === null))?.native_us ?? null;
    const defaultAvg = at(results.find((result) => result.ranks === cell.ranks && result.variant === DEFAULT_ALGORITHM))?.avg_latency_us ?? null;
    return [
      String(cell.ranks),
      formatSize(cell.size),
      cell.chosen ?? '',
      formatNumber(cell.defaultUs, 2),
      `${cell.algorithm} ${cell.bestUs.toFixed(2)}`,
      ratio(cell.selectionUs === null ? null : cell.selectionUs / cell.bestUs),
      formatNumber(defaultAvg, 2),
      formatNumber(native, 2),
      ratio(native === null || defaultAvg === null ? null : defaultAvg / native),
    ];
  });
  return table(
    ['ranks', 'size', `${DEFAULT_ALGORITHM} runs`, `${DEFAULT_ALGORITHM} median (us)`, 'best algorithm median (us)', 'default / best', `${DEFAULT_ALGORITHM} avg (us)`, 'native avg (us)', 'default / native'],
    rows,
  );
}

/** How the collective tables' figures were measured, once above them. */
const COLLECTIVES_INTRO =
  'Every algorithm of a collective (and `default`, the core\'s choice) was timed in one job per (ranks, size), interleaved: ' +
  'each variant\'s calls in batches, one batch of each variant per round, the order rotated each round. ' +
  '*median* is the median over a variant\'s batches of the time per call (mean over ranks), which a stall of the machine ' +
  'moves only if it hits most batches. `default / best` judges the selection by the algorithm it ran (*default runs*), ' +
  'on that algorithm\'s own median: 1.00 where it chose the fastest; the `default` variant, the same code timed in other ' +
  'batches, has its median shown, which differs from the chosen algorithm\'s by noise alone. *avg* is OSU\'s average, over a loop of the ' +
  'same number of calls back to back after the batches, as native MPI\'s `osu_<collective>` measures it, and `default / native` ' +
  'compares averages. The JSON has both for every algorithm.';

/** A result that is one side of a checks comparison (the other side is in the report too). */
function inChecksComparison(report: BenchReport, result: BenchmarkResult): boolean {
  if (result.checks === null) return false;
  const other = result.checks === 'on' ? 'off' : 'on';
  return report.results.some(
    (r) => r.benchmark === result.benchmark && r.ranks === result.ranks && r.variant === result.variant && r.checks === other,
  );
}

/** Per (benchmark, ranks, size): checks on and off, each the median of alternating trials, and their ratio. */
function checksSection(report: BenchReport): string | null {
  const compared = report.results.filter((result) => result.checks === 'on' && inChecksComparison(report, result));
  const rows = compared
    .flatMap((on) => {
      const off = report.results.find((r) => r.benchmark === on.benchmark && r.ranks === on.ranks && r.variant === on.variant && r.checks === 'off')!;
      return on.rows.map((row) => {
        const onUs = row.avg_latency_us ?? null;
        const offUs = off.rows.find((other) => other.size === row.size)?.avg_latency_us ?? null;
        return [
          on.benchmark,
          String(on.ranks),
          sizeLabel(on, row.size!),
          formatNumber(onUs, 2),
          formatNumber(offUs, 2),
          ratio(onUs === null || offUs === null || offUs === 0 ? null : onUs / offUs),
        ];
      });
    });
  if (rows.length === 0) return null;
  const trials = report.results.find((result) => result.checks === 'on')?.notes.find((note) => note.startsWith('threadmpi checks on'));
  return [
    '## Cost of checking',
    'threadmpi checks collectives for mismatches and reports leftovers by default; `checks: false` (`threadmpi run --no-checks`, ' +
      '`threadmpi-bench --checks off`) switches both off. `--checks both` measures each size both ways' +
      `${trials === undefined ? '' : ` (${trials.replace(/^threadmpi checks on: /, '')})`}. Latency in us; the default algorithm for allreduce.`,
    [...new Set(compared.map((result) => result.benchmark))]
      .map((benchmark) => reproduceLine(compared.filter((result) => result.benchmark === benchmark)))
      .join('  \n'),
    table(['benchmark', 'ranks', 'size', 'checks on (us)', 'checks off (us)', 'on / off'], rows),
  ].join('\n\n');
}

function familySection(report: BenchReport, title: string, benchmarks: readonly string[], intro: string | null = null): string | null {
  const results = report.results.filter((result) => benchmarks.includes(result.benchmark) && !inChecksComparison(report, result));
  if (results.length === 0) return null;
  const compared = new Set(comparedCollectives(report.results));
  const names = [...new Set(results.map((result) => result.benchmark))];
  const parts = names.map((benchmark) => {
    const own = results.filter((result) => result.benchmark === benchmark);
    if (compared.has(benchmark)) {
      return `### ${benchmark}\n\n${own[0]!.title}; ${own[0]!.notes[0] ?? ''}. Latency in us. ${reproduceLine(own)}\n\n${collectiveSummary(report, benchmark)}`;
    }
    return `### ${benchmark}\n\n${reproduceLine(own)}\n\n${own.map((result) => `${result.title}, ${describeRun(result)}.\n\n${resultTable(result)}`).join('\n\n')}`;
  });
  // The intro explains the algorithm comparison tables: only where there is one.
  const lead = intro !== null && names.some((name) => compared.has(name)) ? [intro] : [];
  return [`## ${title}`, ...lead, ...parts].join('\n\n');
}

const PT2PT = ['latency', 'bw', 'bibw', 'value_latency'];
const COLLECTIVES = ['allreduce', 'bcast', 'reduce', 'allgather', 'alltoall', 'reduce_scatter', 'gather', 'scatter', 'barrier'];
const ONE_SIDED = ['put_latency', 'get_latency', 'acc_latency', 'fop_latency', 'cas_latency', 'put_bw', 'get_bw'];

export function formatMarkdown(report: BenchReport): string {
  const { machine } = report;
  const problems = problemLines(report).map((line) => `- ${line}`);
  const sections = [
    '# Performance',
    `<!-- Generated by \`threadmpi-bench report --markdown\` from a reference sweep; regenerate instead of editing. -->`,
    [
      `Measured ${machine.date} on ${machine.cpus} x ${machine.cpuModel} (${machine.platform}-${machine.arch}), Node ${machine.node}, ` +
        `threadmpi ${machine.threadmpi}; native MPI: ${machine.nativeMpi ?? 'none'}.`,
      `**These figures are from a ${machine.cpus}-core machine**: runs with more ranks than cores are oversubscribed, and ` +
        'absolute times move with whatever else the machine runs. Read the ratios: each compares two figures measured in the ' +
        'same run (threadmpi against native MPI, against postMessage between worker_threads, against one memory copy, and the ' +
        'core\'s default algorithm against the best registered one).',
      'Every collective and one-sided result was verified element by element (`#wrong` 0 in the JSON) unless listed under Problems.',
    ].join('\n\n'),
    `## Reproduce\n\n${reproduce()}`,
    targetsSection(report),
    familySection(report, 'Point-to-point', PT2PT),
    familySection(report, 'Collectives', COLLECTIVES, COLLECTIVES_INTRO),
    familySection(report, 'One-sided', ONE_SIDED),
    familySection(report, 'Start-up', ['startup']),
    checksSection(report),
    problems.length === 0 ? null : `## Problems\n\n${problems.join('\n')}`,
  ];
  return `${sections.filter((section): section is string => section !== null).join('\n\n')}\n`;
}
