/** One CLI invocation: plan, detect native MPI, measure with progress, then print and write the report. */
import { writeFile } from 'node:fs/promises';
import { formatCsv } from '../format/csv.js';
import { formatJson } from '../format/json.js';
import { formatOsuReport } from '../format/osu.js';
import { BENCH_VERSION, describeMachine } from '../machine.js';
import { detectNativeMpi } from '../native/detect.js';
import { planSelection } from '../plan.js';
import type { CliOptions } from '../program.js';
import { chooseProgress } from '../progress.js';
import type { BenchReport } from '../report.js';
import { countUnits, runPlans, type RunContext } from './runner.js';

export async function runSession(name: string, options: CliOptions): Promise<void> {
  const plans = planSelection(name, {
    ranks: options.ranks,
    sizeRange: options.messageSize,
    iterations: options.iterations,
    warmup: options.warmup,
  });
  const wantsNative = options.native && plans.some((plan) => plan.entry.native !== null);
  const native = wantsNative ? await detectNativeMpi() : null;
  const context: RunContext = {
    baselines: options.baselines,
    native,
    progress: chooseProgress(options.quiet, process.stdout.isTTY === true),
  };

  const startedAt = new Date();
  context.progress.start(countUnits(plans, context));
  const results = await runPlans(plans, context).finally(() => context.progress.stop());

  const report: BenchReport = {
    tool: 'threadmpi-bench',
    version: BENCH_VERSION,
    machine: describeMachine(native?.found === true ? native.mpi.version : null, startedAt),
    results,
  };
  process.stdout.write(formatOsuReport(report));
  if (options.json !== undefined) await writeFile(options.json, formatJson(report));
  if (options.csv !== undefined) await writeFile(options.csv, formatCsv(report));
}
