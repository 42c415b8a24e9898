/**
 * Runs planned benchmarks. Per benchmark and rank count, size by size: threadmpi's variants at that
 * size together (a collective's in one job that interleaves them, any other's in back-to-back jobs,
 * so variants compared with each other are measured at the same moments), then each baseline at
 * that size unless measured already (they do not depend on the rank count or the variant); then the
 * native counterpart per variant. One result per (benchmark, rank count, variant), two with
 * `--checks both` (checks on and off, measured in alternating trials size by size). A failing job
 * becomes a problem noted on the results of its variants, and the sweep goes on.
 */
import { defaultChoiceNote, defaultChoices } from '../entries/collectives.js';
import { firstLineOf } from '../errors.js';
import { batchNote } from '../measure/interleave.js';
import { medianBy } from '../measure/stats.js';
import { primaryValue, type MessageStep, type Timing } from '../measure/timing.js';
import type { NativeDetection } from '../native/detect.js';
import type { ChecksSetting } from '../options.js';
import type { BenchmarkPlan } from '../plan.js';
import type { Progress } from '../progress.js';
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import type { BenchmarkResult, ChecksLabel } from '../report.js';
import { formatSize } from '../sizes.js';
import { jobGroups, measureThreadmpi } from './threadmpi.js';
import { Baselines } from './baselines.js';
import { NativeRuns } from './native-runs.js';
import { buildResult, type Comparison } from './table.js';

export interface RunContext {
  readonly baselines: boolean;
  /** null when the native comparison is not asked for. */
  readonly native: NativeDetection | null;
  readonly progress: Progress;
}

/** Size of the spin reference figure, and the threadmpi row it is compared with. */
const SPIN_BYTES = 8;

/** Trials per size and side of a checks comparison (`--checks both`); each side reports its median trial. */
export const CHECKS_TRIALS = 5;

/** One way threadmpi runs in a plan: the label its result carries, and the job's `checks` option. */
interface ChecksMode {
  readonly label: ChecksLabel;
  readonly checks: boolean;
}

/** `on`: one default run per size; `off`: one run with checks off; `both`: alternating trials of each. */
export function checksModes(setting: ChecksSetting): readonly ChecksMode[] {
  if (setting === 'on') return [{ label: null, checks: true }];
  if (setting === 'off') return [{ label: 'off', checks: false }];
  return [{ label: 'on', checks: true }, { label: 'off', checks: false }];
}

/** Threadmpi jobs per size of one rank count: a job per group of variants, per trial of each checks mode. */
function runsPerStep(plan: BenchmarkPlan): number {
  const modes = checksModes(plan.checks).length;
  return jobGroups(plan).length * (modes > 1 ? modes * CHECKS_TRIALS : modes);
}

/**
 * The order of the trials of a checks comparison, as indices into the modes: on off, off on, on off,
 * ... so that neither side always runs first (a machine whose load drifts favours no side).
 */
export function trialOrder(modes: number, trials: number): number[] {
  if (modes === 1) return [0];
  const forward = Array.from({ length: modes }, (_, i) => i);
  return Array.from({ length: trials }, (_, trial) => (trial % 2 === 0 ? forward : [...forward].reverse())).flat();
}

/** The run's context as `plan` sees it: a plan without comparisons gets no baselines and no native MPI. */
function contextFor(plan: BenchmarkPlan, context: RunContext): RunContext {
  return plan.comparisons ? context : { ...context, baselines: false, native: null };
}

/** How many progress units `runPlans` will count. */
export function countUnits(plans: readonly BenchmarkPlan[], runContext: RunContext): number {
  return plans.reduce((total, plan) => {
    const context = contextFor(plan, runContext);
    const { entry, steps } = plan;
    const baselineUnits = context.baselines ? steps.length * entry.baselines.length + (entry.spinReference ? 1 : 0) : 0;
    const own = plan.ranks.length * steps.length * runsPerStep(plan);
    return total + baselineUnits + own + new NativeRuns(plan, context).count();
  }, 0);
}

export async function runPlans(plans: readonly BenchmarkPlan[], context: RunContext): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const plan of plans) results.push(...(await runPlan(plan, context)));
  return results;
}

interface ModeSeries {
  readonly timings: Array<{ size: number; timing: Timing | null }>;
  readonly problems: string[];
}

/** What a group's job is called in the progress bar: its variant, or how many run interleaved. */
function groupLabel(plan: BenchmarkPlan, group: readonly number[]): string | null {
  return group.length > 1 ? `${group.length} algorithms interleaved` : plan.variants[group[0]!]!;
}

/**
 * Every job of one size on `ranks`: each trial of each checks mode, each group of variants. Returns
 * the timings per variant and mode; a failed job's problem goes to `series` for each of its variants.
 */
async function measureStep(plan: BenchmarkPlan, ranks: number, step: MessageStep, progress: Progress, series: ModeSeries[][]): Promise<Timing[][][]> {
  const modes = checksModes(plan.checks);
  const trials: Timing[][][] = plan.variants.map(() => modes.map(() => []));
  for (const index of trialOrder(modes.length, CHECKS_TRIALS)) {
    const mode = modes[index]!;
    for (const group of jobGroups(plan)) {
      const what = [plan.name, groupLabel(plan, group), `np=${ranks}`, mode.label === null ? null : `checks ${mode.label}`];
      const unitLabel = `${what.filter((part) => part !== null).join(' ')} ${formatSize(step.size)}`;
      const timings = await progress.unit(unitLabel, () =>
        measureThreadmpi(plan, ranks, group.map((v) => plan.variants[v]!), step, mode.checks).catch((error: unknown) => {
          const run = group.length > 1 ? `threadmpi run of the ${group.length} interleaved algorithms` : 'threadmpi run';
          const problem = `size ${step.size}: ${run}${mode.label === null ? '' : ` (checks ${mode.label})`} failed: ${firstLineOf(error)}`;
          for (const v of group) series[v]![index]!.problems.push(problem);
          return [];
        }),
      );
      timings.forEach((timing, i) => trials[group[i]!]![index]!.push(timing));
    }
  }
  return trials;
}

async function runPlan(plan: BenchmarkPlan, runContext: RunContext): Promise<BenchmarkResult[]> {
  const context = contextFor(plan, runContext);
  const { entry, steps, name, variants } = plan;
  const baselines = new Baselines(plan, context);
  const natives = new NativeRuns(plan, context);
  const modes = checksModes(plan.checks);
  const compared = modes.length > 1;
  const results: BenchmarkResult[] = [];
  for (const ranks of plan.ranks) {
    // series[variant][mode]: the figures and problems of one result.
    const series: ModeSeries[][] = variants.map(() => modes.map(() => ({ timings: [], problems: [] })));
    for (const step of steps) {
      const trials = await measureStep(plan, ranks, step, context.progress, series);
      for (const [v, variantSeries] of series.entries()) {
        for (const [index, { timings, problems }] of variantSeries.entries()) {
          const chosen = medianTrial(step.size, trials[v]![index]!);
          timings.push({ size: step.size, timing: chosen.timing });
          problems.push(...chosen.problems);
        }
      }
      await baselines.measureAt(step);
    }

    for (const [v, variant] of variants.entries()) {
      const label = [name, variant, `np=${ranks}`].filter((part) => part !== null).join(' ');
      const comparisons: Comparison[] = [...baselines.comparisons];
      const native = await natives.outcome(ranks, variant, label);
      if (native?.comparison != null) comparisons.push(native.comparison);
      for (const [index, mode] of modes.entries()) {
        const { timings, problems } = series[v]![index]!;
        const notes = [...entry.notes, ...baselines.notes];
        if (entry.collective !== null) notes.push(batchNote(variants.length));
        if (baselines.spinUs !== null) notes.push(spinNote(baselines.spinUs, timings));
        if (native?.note != null) notes.push(native.note);
        const sizes = steps.map((step) => step.size);
        const chosen = variant === DEFAULT_ALGORITHM && entry.collective !== null ? defaultChoices(entry.collective, ranks, sizes) : undefined;
        if (chosen !== undefined) notes.push(defaultChoiceNote(chosen, sizes));
        if (compared) notes.push(checksNote(mode));
        else if (mode.label === 'off') notes.push('threadmpi checks off (checks: false): no collective-mismatch checks, no leftovers report');
        results.push(
          buildResult({
            benchmark: name,
            title: entry.title,
            ranks,
            variant,
            variantKind: entry.variants?.kind ?? null,
            collective: entry.collective,
            verified: entry.verified,
            metric: entry.metric,
            timings,
            comparisons,
            notes,
            references: baselines.references,
            problems,
            nativeVariant: native?.variant ?? null,
            checks: mode.label,
            chosen,
          }),
        );
      }
    }
  }
  return results;
}

/**
 * The trial a size reports: the median by its primary figure (null when every trial failed). The
 * median trial's wrong elements are in its row; another trial's must not go unreported.
 */
export function medianTrial(size: number, trials: readonly Timing[]): { timing: Timing | null; problems: string[] } {
  const timing = medianBy(trials, primaryValue) ?? null;
  const problems = trials
    .filter((trial) => trial !== timing && (trial.wrong ?? 0) > 0)
    .map((trial) => `size ${size}: ${trial.wrong} element(s) differ from the expected result in another trial`);
  return { timing, problems };
}

function checksNote(mode: ChecksMode): string {
  const other = mode.checks ? 'off' : 'on';
  return `threadmpi checks ${mode.label}: median of ${CHECKS_TRIALS} trials per size, alternating with checks ${other} in the same run`;
}

function spinNote(spinUs: number, timings: ReadonlyArray<{ size: number; timing: Timing | null }>): string {
  const base = `bare SharedArrayBuffer spin ping-pong, ${SPIN_BYTES} B one-way: ${spinUs.toFixed(3)} us`;
  const row = timings.find(({ size }) => size === SPIN_BYTES);
  if (row?.timing?.metric !== 'latency') return base;
  return `${base} (threadmpi ${SPIN_BYTES} B is ${(row.timing.avgUs / spinUs).toFixed(1)}x that)`;
}
