/**
 * Runs planned benchmarks. Per benchmark: each baseline at every size (they do not depend on the
 * rank count or the variant); then per rank count and variant, threadmpi at every size and the native
 * counterpart; one result per (benchmark, rank count, variant). A failing job becomes a problem noted
 * on its result, and the sweep goes on.
 */
import { defaultChoiceNote } from '../entries/collectives.js';
import { firstLineOf } from '../errors.js';
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import type { Timing } from '../measure/timing.js';
import type { NativeDetection } from '../native/detect.js';
import type { BenchmarkPlan } from '../plan.js';
import type { Progress } from '../progress.js';
import type { BenchmarkResult } from '../report.js';
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

/** How many progress units `runPlans` will count. */
export function countUnits(plans: readonly BenchmarkPlan[], context: RunContext): number {
  return plans.reduce((total, plan) => {
    const { entry, steps } = plan;
    const baselineUnits = context.baselines ? steps.length * entry.baselines.length + (entry.spinReference ? 1 : 0) : 0;
    return total + baselineUnits + plan.ranks.length * plan.variants.length * steps.length + new NativeRuns(plan, context).count();
  }, 0);
}

export async function runPlans(plans: readonly BenchmarkPlan[], context: RunContext): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const plan of plans) results.push(...(await runPlan(plan, context)));
  return results;
}

async function runPlan(plan: BenchmarkPlan, context: RunContext): Promise<BenchmarkResult[]> {
  const { entry, steps, name } = plan;
  const { progress } = context;
  const baselines = new Baselines(plan, context);
  const natives = new NativeRuns(plan, context);
  const results: BenchmarkResult[] = [];
  for (const ranks of plan.ranks) {
    for (const variant of plan.variants) {
      const label = [name, variant, `np=${ranks}`].filter((part) => part !== null).join(' ');
      const timings: Array<{ size: number; timing: Timing | null }> = [];
      const problems: string[] = [];
      for (const step of steps) {
        const timing = await progress.unit(`${label} ${formatSize(step.size)}`, () =>
          measureThreadmpi(plan, ranks, variant, step).catch((error: unknown) => {
            problems.push(`size ${step.size}: threadmpi run failed: ${firstLineOf(error)}`);
            return null;
          }),
        );
        timings.push({ size: step.size, timing });
        await baselines.measureAt(step);
      }

      const comparisons: Comparison[] = [...baselines.comparisons];
      const notes = [...entry.notes];
      if (baselines.spinUs !== null) notes.push(spinNote(baselines.spinUs, timings));
      const native = await natives.outcome(ranks, variant, label);
      if (native?.note != null) notes.push(native.note);
      if (variant === DEFAULT_ALGORITHM && entry.collective !== null) notes.push(defaultChoiceNote(entry.collective, ranks, steps.map((step) => step.size)));
      if (native?.comparison != null) comparisons.push(native.comparison);

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
        }),
      );
    }
  }
  return results;
}

function spinNote(spinUs: number, timings: ReadonlyArray<{ size: number; timing: Timing | null }>): string {
  const base = `bare SharedArrayBuffer spin ping-pong, ${SPIN_BYTES} B one-way: ${spinUs.toFixed(3)} us`;
  const row = timings.find(({ size }) => size === SPIN_BYTES);
  if (row?.timing?.metric !== 'latency') return base;
  return `${base} (threadmpi ${SPIN_BYTES} B is ${(row.timing.avgUs / spinUs).toFixed(1)}x that)`;
}
