/** --checks: parsing, planning, the interleaved trial order, and the targets it feeds (synthetic data). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTargets, checksCost, MPI4PY_STATED_US } from '../src/analysis/targets.js';
import { COLLECTIVE_BENCHMARKS } from '../src/entries/collectives.js';
import { formatCsv } from '../src/format/csv.js';
import { formatMarkdown } from '../src/format/markdown.js';
import { describeRun } from '../src/format/osu.js';
import type { Timing } from '../src/measure/timing.js';
import { CHECKS_SETTINGS } from '../src/options.js';
import { planSelection } from '../src/plan.js';
import { buildProgram, type CliOptions } from '../src/program.js';
import { SILENT_PROGRESS } from '../src/progress.js';
import type { BenchmarkResult, BenchReport, ChecksLabel } from '../src/report.js';
import { CHECKS_TRIALS, checksModes, countUnits, medianTrial, trialOrder } from '../src/run/runner.js';
import { readReport, startupReport } from '../src/run/report-command.js';
import { buildResult } from '../src/run/table.js';
import { FIXED_REPORT } from './fixtures.js';

async function parseChecks(args: string[]): Promise<CliOptions> {
  let seen: CliOptions | undefined;
  const program = buildProgram({
    bench: async (_name, options) => void (seen = options),
    tune: async () => {},
    report: async () => {},
  });
  program.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  await program.parseAsync(args, { from: 'user' });
  return seen!;
}

describe('--checks', () => {
  test('takes on, off or both; anything else is rejected; absent means the default', async () => {
    expect(CHECKS_SETTINGS).toEqual(['on', 'off', 'both']);
    for (const setting of CHECKS_SETTINGS) expect((await parseChecks(['latency', '--checks', setting])).checks).toBe(setting);
    expect((await parseChecks(['latency'])).checks).toBeUndefined();
    await expect(parseChecks(['latency', '--checks', 'maybe'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  test('plans carry the setting: on by default, the flag for a benchmark, a suite member\'s own otherwise', () => {
    expect(planSelection('latency', {})[0]!.checks).toBe('on');
    expect(planSelection('allreduce', { checks: 'both' })[0]!.checks).toBe('both');
    const reference = planSelection('reference', {});
    const compared = reference.filter((plan) => plan.checks === 'both');
    expect(compared.map((plan) => [plan.name, plan.ranks, plan.variants, plan.comparisons])).toEqual([
      ['latency', [2], [null], false],
      ['allreduce', [2, 8], ['default'], false],
    ]);
    // The ordinary members come first, so a report's first latency and allreduce results are the default runs.
    expect(reference.findIndex((plan) => plan.checks === 'both')).toBeGreaterThan(reference.findIndex((plan) => plan.name === 'allreduce'));
    expect(reference.filter((plan) => plan.checks !== 'both').every((plan) => plan.checks === 'on' && plan.comparisons)).toBe(true);
    expect(planSelection('reference', { checks: 'off' }).every((plan) => plan.checks === 'off')).toBe(true);
  });

  test('both alternates which side runs first, so a drifting load favours neither', () => {
    expect(checksModes('on')).toEqual([{ label: null, checks: true }]);
    expect(checksModes('off')).toEqual([{ label: 'off', checks: false }]);
    expect(checksModes('both')).toEqual([{ label: 'on', checks: true }, { label: 'off', checks: false }]);
    expect(trialOrder(1, 3)).toEqual([0]);
    expect(trialOrder(2, 3)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(trialOrder(2, 4)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
  });

  test('a size reports its median trial; wrong elements in any other trial are still problems', () => {
    const trial = (avgUs: number, wrong = 0): Timing => ({ metric: 'latency', avgUs, minUs: avgUs, maxUs: avgUs, iterations: 10, wrong });
    const [fast, middle, slow] = [trial(1), trial(2), trial(3, 4)];
    expect(medianTrial(8, [slow, fast, middle])).toEqual({ timing: middle, problems: ['size 8: 4 element(s) differ from the expected result in another trial'] });
    expect(medianTrial(8, [fast, slow])).toEqual({ timing: fast, problems: ['size 8: 4 element(s) differ from the expected result in another trial'] });
    expect(medianTrial(8, [])).toEqual({ timing: null, problems: [] });
  });

  test('the progress bar counts every trial', () => {
    const context = { baselines: false, native: null, progress: SILENT_PROGRESS };
    const [plan] = planSelection('allreduce', { ranks: [2], sizeRange: { max: 16 }, checks: 'both' });
    expect(plan!.steps).toHaveLength(2);
    expect(countUnits([plan!], context)).toBe(2 * 2 * CHECKS_TRIALS);
    expect(countUnits(planSelection('allreduce', { ranks: [2], sizeRange: { max: 16 } }), context)).toBe(2);
  });
});

const latency = (avgUs: number): Timing => ({ metric: 'latency', avgUs, minUs: avgUs, maxUs: avgUs, iterations: 10 });

function result(benchmark: string, ranks: number, checks: ChecksLabel, figures: Record<number, number>, extra: Partial<{ mpi4py: number }> = {}): BenchmarkResult {
  const collective = benchmark === 'allreduce' ? COLLECTIVE_BENCHMARKS.allreduce.collective : null;
  const sizes = Object.keys(figures).map(Number);
  return buildResult({
    benchmark, title: benchmark, ranks, variant: collective === null ? null : 'default', variantKind: collective === null ? null : 'algorithm',
    collective, verified: false, metric: 'latency',
    timings: sizes.map((size) => ({ size, timing: latency(figures[size]!) })),
    comparisons: extra.mpi4py === undefined ? [] : [{ key: 'mpi4py', label: 'mpi4py', values: new Map(sizes.map((size) => [size, extra.mpi4py!])) }],
    notes: [], references: {}, problems: [], nativeVariant: null, checks,
  });
}

const report = (results: BenchmarkResult[]): BenchReport => ({ ...FIXED_REPORT, results });
const target = (checks: ReturnType<typeof checkTargets>, prefix: string) => checks.find((check) => check.target.startsWith(prefix))!;

describe('targets from a checks comparison', () => {
  test('the cost of checking is the median over points of checks on / checks off', () => {
    const check = checksCost(
      report([
        result('allreduce', 2, 'on', { 8: 11, 1024: 30, 131072: 100 }),
        result('allreduce', 2, 'off', { 8: 10, 1024: 20, 131072: 100 }),
        result('allreduce', 8, 'on', { 8: 10.5 }),
        result('allreduce', 8, 'off', { 8: 10 }),
      ]),
      'allreduce',
      'allreduce checks',
    );
    // Ratios 1.1, 1.5, 1.0, 1.05: median 1.075.
    expect(check.ratio).toBeCloseTo(1.075, 10);
    expect(check.met).toBe(true);
    expect(check.measured).toBe('4 points (np=2,8, 8 B..128 KiB), on/off 1.00 to 1.50');
  });

  test('over 10% is not met; one side alone, or default runs only, is not measured', () => {
    const slow = checksCost(report([result('latency', 2, 'on', { 8: 12 }), result('latency', 2, 'off', { 8: 10 })]), 'latency', 't');
    expect(slow).toMatchObject({ met: false });
    expect(slow.ratio).toBeCloseTo(1.2, 10);
    expect(checksCost(report([result('latency', 2, 'on', { 8: 12 })]), 'latency', 't')).toMatchObject({ ratio: null, met: null, measured: 'not measured' });
    expect(checksCost(report([result('latency', 2, null, { 8: 12 }), result('latency', 2, 'off', { 8: 10 })]), 'latency', 't').met).toBeNull();
  });

  test('the Targets table has a row per benchmark compared, and the doc a table of both sides', () => {
    const checks = checkTargets(report([
      result('latency', 2, null, { 8: 1 }),
      result('latency', 2, 'on', { 8: 1.02 }),
      result('latency', 2, 'off', { 8: 1 }),
    ]));
    expect(target(checks, 'checks on vs off, ping-pong')).toMatchObject({ met: true });
    expect(target(checks, 'checks on vs off, ping-pong').ratio).toBeCloseTo(1.02, 10);
    expect(target(checks, 'checks on vs off, allreduce')).toMatchObject({ met: null });
    const markdown = formatMarkdown(report([result('latency', 2, null, { 8: 1 }), result('latency', 2, 'on', { 8: 1.02 }), result('latency', 2, 'off', { 8: 1 })]));
    expect(markdown).toContain('## Cost of checking');
    expect(markdown).toContain('| latency | 2 | 8 B | 1.02 | 1.00 | 1.02x |');
    // The point-to-point section shows the default run only.
    expect(markdown).toContain('latency, threadmpi, 2 ranks.');
    expect(markdown).not.toContain('threadmpi, 2 ranks, checks');
  });

  test('each side is named in text and CSV', () => {
    const on = result('latency', 2, 'on', { 8: 1 });
    expect(describeRun(on)).toBe('threadmpi, 2 ranks, checks on');
    expect(describeRun(result('latency', 2, null, { 8: 1 }))).toBe('threadmpi, 2 ranks');
    const csv = formatCsv(report([on, result('latency', 2, 'off', { 8: 1 }), result('latency', 2, null, { 8: 1 })]));
    expect(csv.split('\n').slice(1, 4).map((line) => line.split(',').slice(0, 4).join(','))).toEqual(['latency,2,,on', 'latency,2,,off', 'latency,2,,on']);
  });
});

describe('issue 2 targets', () => {
  test('start-up: threadmpi run -n 4 at most half of mpirun -n 4, from the startup benchmark\'s 4-rank row', () => {
    const startup = (ranks: number, ownUs: number, nativeUs: number) => buildResult({
      benchmark: 'startup', title: 'startup', ranks, variant: null, variantKind: null, collective: null, verified: false, metric: 'latency',
      timings: [{ size: 0, timing: latency(ownUs) }],
      comparisons: [{ key: 'native', label: 'native', values: new Map([[0, nativeUs]]) }],
      notes: [], references: {}, problems: [], nativeVariant: null,
    });
    const row = (results: BenchmarkResult[]) => target(checkTargets(report(results)), 'threadmpi run -n 4');
    expect(row([startup(2, 900_000, 1_000_000), startup(4, 150_000, 380_000)])).toMatchObject({ met: true, measured: 'np=4: threadmpi 150.00 ms / mpirun 380.00 ms' });
    expect(row([startup(4, 200_000, 380_000)]).met).toBe(false);
    expect(row([startup(4, 200_000, 380_000)]).ratio).toBeCloseTo(200 / 380, 10);
    expect(row([]).met).toBeNull();
  });

  test('8 B and 4 MiB ping-pong against native MPI, from the default run', () => {
    const own = buildResult({
      benchmark: 'latency', title: 'latency', ranks: 2, variant: null, variantKind: null, collective: null, verified: false, metric: 'latency',
      timings: [{ size: 8, timing: latency(0.5) }, { size: 4 * 1024 * 1024, timing: latency(400) }],
      comparisons: [{ key: 'native', label: 'native', values: new Map([[8, 0.3], [4 * 1024 * 1024, 350]]) }],
      notes: [], references: {}, problems: [], nativeVariant: null,
    });
    const checks = checkTargets(report([own, result('latency', 2, 'off', { 8: 0.1 })]));
    expect(target(checks, '8 B typed-array ping-pong')).toMatchObject({ met: true, measured: 'threadmpi 0.50 us / native 0.30 us' });
    expect(target(checks, '4 MiB typed-array ping-pong').ratio).toBeCloseTo(400 / 350, 10);
    expect(target(checks, '4 MiB typed-array ping-pong').met).toBe(true);
  });

  test('the small object against mpi4py when it ran, else against the 2 us issue 2 states, saying so', () => {
    const measured = target(checkTargets(report([result('value_latency', 2, null, { 1: 1.5 }, { mpi4py: 1 })])), 'small object');
    expect(measured).toMatchObject({ met: false, measured: 'threadmpi 1.50 us / mpi4py 1.00 us' });
    const stated = target(checkTargets(report([result('value_latency', 2, null, { 1: 1.5 })])), 'small object');
    expect(MPI4PY_STATED_US).toBe(2);
    expect(stated.met).toBe(true);
    expect(stated.ratio).toBeCloseTo(0.75, 10);
    expect(stated.measured).toContain('as stated in issue 2 (mpi4py not measured in this run)');
    expect(target(checkTargets(report([])), 'small object').met).toBeNull();
  });
});

describe('startup --json in report', () => {
  const saved = (mpirunMs: number | null) => ({
    benchmark: 'startup',
    machine: FIXED_REPORT.machine,
    options: { ranks: 4, runs: 10, warmup: 2, ts: false, compareMpi: true },
    figures: [
      { name: 'node -e 0', command: 'node -e 0', runs: 10, medianMs: 40, minMs: 38, meanMs: 41, failures: 0 },
      { name: 'threadmpi run -n 4 hello.js', command: 'node main.js run -n 4 hello.js', runs: 10, medianMs: 150, minMs: 140, meanMs: 155, failures: 0 },
      ...(mpirunMs === null ? [] : [{ name: 'mpirun -n 4 hello_c', command: 'mpirun -n 4 hello', runs: 9, medianMs: mpirunMs, minMs: 300, meanMs: 390, failures: 1 }]),
    ],
  });

  test('becomes a startup result the Targets row and the Markdown read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadmpi-bench-startup-'));
    try {
      const file = join(dir, 'startup.json');
      await writeFile(file, JSON.stringify(saved(380)));
      const read = await readReport(file);
      const [result] = read.results;
      expect(result).toMatchObject({ benchmark: 'startup', ranks: 4, problems: ['mpirun -n 4 hello_c: 1 failed run(s)'] });
      expect(result!.rows[0]).toMatchObject({ avg_latency_us: 150_000, native_us: 380_000, node_us: 40_000 });
      expect(result!.rows[0]!.vs_native).toBeCloseTo(150 / 380, 10);
      expect(target(checkTargets(read), 'threadmpi run -n 4')).toMatchObject({ met: true, measured: 'np=4: threadmpi 150.00 ms / mpirun 380.00 ms' });
      const markdown = formatMarkdown(read);
      expect(markdown).toContain('## Start-up');
      expect(markdown).toContain('| Median(us) | node -e 0(us) | vs node -e 0 | mpirun(us) | vs mpirun |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('without mpirun the start-up target is not measured', () => {
    const read = startupReport(saved(null) as Parameters<typeof startupReport>[0]);
    expect(target(checkTargets(read), 'threadmpi run -n 4').met).toBeNull();
    expect(read.results[0]!.notes).toContain('mpirun not measured (no native MPI)');
  });
});
