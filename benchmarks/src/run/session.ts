/**
 * One measuring invocation: plan, detect native MPI when asked, measure with progress, then print
 * and write the report. A sweep with failed runs or wrong results still writes everything, then
 * exits with status 1 and says why on stderr.
 */
import { writeFile } from 'node:fs/promises';
import { problemLines } from '../analysis/problems.js';
import { formatCsv } from '../format/csv.js';
import { formatHtml } from '../html/page.js';
import { formatJson } from '../format/json.js';
import { formatText } from '../format/text.js';
import { BENCH_VERSION, describeMachine } from '../machine.js';
import { detectNativeMpi } from '../native/detect.js';
import { planSelection, type BenchmarkPlan } from '../plan.js';
import type { CliOptions, SweepOptions } from '../program.js';
import { chooseProgress } from '../progress.js';
import { SUITES } from '../registry.js';
import type { BenchReport } from '../report.js';
import { countUnits, runPlans, type RunContext } from './runner.js';

export interface SweepSettings {
  readonly compareMpi: boolean;
  readonly baselines: boolean;
  readonly quiet: boolean;
}

/** Measures `plans` and assembles the report (machine, Node, date, every result). */
export async function runSweep(plans: readonly BenchmarkPlan[], settings: SweepSettings): Promise<BenchReport> {
  const wantsNative = settings.compareMpi && plans.some((plan) => plan.entry.native !== null);
  const native = wantsNative ? await detectNativeMpi() : null;
  const context: RunContext = {
    baselines: settings.baselines,
    native,
    progress: chooseProgress(settings.quiet, process.stdout.isTTY === true),
  };
  const startedAt = new Date();
  context.progress.start(countUnits(plans, context));
  const results = await runPlans(plans, context).finally(() => context.progress.stop());
  return {
    tool: 'threadmpi-bench',
    version: BENCH_VERSION,
    machine: describeMachine(native?.found === true ? native.mpi.version : null, startedAt),
    results,
  };
}

/** Prints the report in the chosen text style and writes the files asked for. */
export async function emitReport(report: BenchReport, options: SweepOptions): Promise<void> {
  process.stdout.write(formatText(report, options.format));
  if (options.json !== undefined) await writeFile(options.json, formatJson(report));
  if (options.csv !== undefined) await writeFile(options.csv, formatCsv(report));
  if (options.html !== undefined) await writeFile(options.html, formatHtml(report));
  reportProblems(report);
}

/** Failed runs and wrong results make the exit status 1, with one line each on stderr. */
export function reportProblems(report: BenchReport): void {
  const problems = problemLines(report);
  if (problems.length === 0) return;
  process.stderr.write(`threadmpi-bench: ${problems.length} problem(s):\n${problems.map((line) => `  ${line}\n`).join('')}`);
  process.exitCode = 1;
}

export async function runSession(name: string, options: CliOptions): Promise<void> {
  const plans = planSelection(name, {
    ranks: options.ranks,
    sizeRange: options.messageSize,
    iterations: options.iterations,
    warmup: options.warmup,
    algorithms: options.algo,
    syncModes: options.sync,
    windowCreation: options.window,
    checks: options.checks,
  });
  const suiteCompares = Object.hasOwn(SUITES, name) && SUITES[name as keyof typeof SUITES].compareMpi;
  const report = await runSweep(plans, {
    compareMpi: options.compareMpi ?? suiteCompares,
    baselines: options.baselines,
    quiet: options.quiet,
  });
  await emitReport(report, options);
}
