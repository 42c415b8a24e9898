/**
 * Runs planned benchmarks. Per benchmark: each baseline at every size (they do not depend on the
 * rank count or the variant); then per rank count and variant, threadmpi at every size and the native
 * counterpart; one result per (benchmark, rank count, variant), two with `--checks both` (checks on
 * and off, measured in alternating trials size by size). A failing job becomes a problem noted on
 * its result, and the sweep goes on.
 */
import { defaultChoiceNote } from '../entries/collectives.js';
import { firstLineOf } from '../errors.js';
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import { medianBy } from '../measure/stats.js';
import { primaryValue, type Timing } from '../measure/timing.js';
import type { NativeDetection } from '../native/detect.js';
import type { ChecksSetting } from '../options.js';
import type { BenchmarkPlan } from '../plan.js';
import type { Progress } from '../progress.js';
import type { BenchmarkResult, ChecksLabel } from '../report.js';
import { formatSize } from '../sizes.js';
import { measureThreadmpi } from './threadmpi.js';
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

/** Threadmpi runs per size of one (rank count, variant). */
function runsPerStep(setting: ChecksSetting): number {
  const modes = checksModes(setting).length;
  return modes > 1 ? modes * CHECKS_TRIALS : modes;
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
    const own = plan.ranks.length * plan.variants.length * steps.length * runsPerStep(plan.checks);
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

async function runPlan(plan: BenchmarkPlan, runContext: RunContext): Promise<BenchmarkResult[]> {
  const context = contextFor(plan, runContext);
  const { entry, steps, name } = plan;
  const { progress } = context;
  const baselines = new Baselines(plan, context);
  const natives = new NativeRuns(plan, context);
  const modes = checksModes(plan.checks);
  const compared = modes.length > 1;
  const order = trialOrder(modes.length, CHECKS_TRIALS);
  const results: BenchmarkResult[] = [];
  for (const ranks of plan.ranks) {
    for (const variant of plan.variants) {
      const label = [name, variant, `np=${ranks}`].filter((part) => part !== null).join(' ');
      const series: ModeSeries[] = modes.map(() => ({ timings: [], problems: [] }));
      for (const step of steps) {
        const trials: Timing[][] = modes.map(() => []);
        for (const index of order) {
          const mode = modes[index]!;
          const { problems } = series[index]!;
          const unitLabel = `${label}${mode.label === null ? '' : ` checks ${mode.label}`} ${formatSize(step.size)}`;
          const timing = await progress.unit(unitLabel, () =>
            measureThreadmpi(plan, ranks, variant, step, mode.checks).catch((error: unknown) => {
              const what = mode.label === null ? 'threadmpi run' : `threadmpi run (checks ${mode.label})`;
              problems.push(`size ${step.size}: ${what} failed: ${firstLineOf(error)}`);
              return null;
            }),
          );
          if (timing !== null) trials[index]!.push(timing);
        }
        for (const [index, { timings, problems }] of series.entries()) {
          const chosen = medianTrial(step.size, trials[index]!);
          timings.push({ size: step.size, timing: chosen.timing });
          problems.push(...chosen.problems);
        }
        await baselines.measureAt(step);
      }

      const comparisons: Comparison[] = [...baselines.comparisons];
      const native = await natives.outcome(ranks, variant, label);
      if (native?.comparison != null) comparisons.push(native.comparison);
      for (const [index, mode] of modes.entries()) {
        const { timings, problems } = series[index]!;
        const notes = [...entry.notes, ...baselines.notes];
        if (baselines.spinUs !== null) notes.push(spinNote(baselines.spinUs, timings));
        if (native?.note != null) notes.push(native.note);
        if (variant === DEFAULT_ALGORITHM && entry.collective !== null) notes.push(defaultChoiceNote(entry.collective, ranks, steps.map((step) => step.size)));
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
