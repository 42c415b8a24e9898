/**
 * Runs planned benchmarks: threadmpi at every size, then each baseline at every size, then the native
 * counterpart, and assembles one result per (benchmark, rank count).
 */
import { firstLineOf } from '../errors.js';
import { SIZED_BASELINES } from '../baselines/catalog.js';
import { measureSpinLatency } from '../baselines/spin.js';
import type { Timing } from '../measure/timing.js';
import type { NativeDetection } from '../native/detect.js';
import { measureNative } from '../native/measure.js';
import type { BenchmarkPlan } from '../plan.js';
import type { Progress } from '../progress.js';
import type { BenchmarkResult } from '../report.js';
import { formatSize } from '../sizes.js';
import { measureThreadmpi } from './threadmpi.js';
import { buildResult, type Comparison } from './table.js';

export interface RunContext {
  readonly baselines: boolean;
  /** null when the native comparison is switched off. */
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
    const nativeUnits = context.native?.found === true && entry.native !== null ? 1 : 0;
    return total + plan.ranks.length * (steps.length + baselineUnits + nativeUnits);
  }, 0);
}

export async function runPlans(plans: readonly BenchmarkPlan[], context: RunContext): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const plan of plans) {
    for (const ranks of plan.ranks) results.push(await runBenchmark(plan, ranks, context));
  }
  return results;
}

async function runBenchmark(plan: BenchmarkPlan, ranks: number, context: RunContext): Promise<BenchmarkResult> {
  const { entry, steps, name } = plan;
  const { progress } = context;
  const timings: Array<{ size: number; timing: Timing }> = [];
  for (const step of steps) {
    const timing = await progress.unit(`${name} threadmpi ${formatSize(step.size)}`, () =>
      measureThreadmpi(plan, ranks, step),
    );
    timings.push({ size: step.size, timing });
  }

  const comparisons: Comparison[] = [];
  const notes = [...entry.notes];
  const references: Record<string, number> = {};
  if (context.baselines) {
    for (const baselineName of entry.baselines) {
      const baseline = SIZED_BASELINES[baselineName];
      const values = new Map<number, number>();
      for (const step of steps) {
        const value = await progress.unit(`${name} ${baseline.label} ${formatSize(step.size)}`, () =>
          baseline.measure(step, entry.metric, entry.payload),
        );
        values.set(step.size, value);
      }
      comparisons.push({ key: baseline.key, label: baseline.label, values });
    }
    if (entry.spinReference) {
      const spin = await progress.unit(`${name} SAB spin`, () => measureSpinLatency(steps[0]!));
      references.sab_spin_8b_us = spin.avgUs;
      notes.push(spinNote(spin.avgUs, timings));
    }
  }

  if (context.native !== null && entry.native !== null) {
    if (context.native.found) {
      const { mpi } = context.native;
      const counterpart = entry.native;
      try {
        const values = await progress.unit(`${name} native MPI`, () => measureNative(mpi, counterpart, ranks, steps));
        comparisons.push({ key: 'native', label: 'native', values });
      } catch (error) {
        notes.push(`native MPI run failed (${firstLineOf(error)}); skipping`);
      }
    } else {
      notes.push(context.native.message);
    }
  }

  return buildResult({ benchmark: name, title: entry.title, ranks, metric: entry.metric, timings, comparisons, notes, references });
}

function spinNote(spinUs: number, timings: ReadonlyArray<{ size: number; timing: Timing }>): string {
  const base = `bare SharedArrayBuffer spin ping-pong, ${SPIN_BYTES} B one-way: ${spinUs.toFixed(3)} us`;
  const row = timings.find(({ size }) => size === SPIN_BYTES);
  if (row === undefined || row.timing.metric !== 'latency') return base;
  return `${base} (threadmpi ${SPIN_BYTES} B is ${(row.timing.avgUs / spinUs).toFixed(1)}x that)`;
}
