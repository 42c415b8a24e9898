import { SIZED_BASELINES, type SizedBaseline } from '../baselines/catalog.js';
import { measureSpinLatency } from '../baselines/spin.js';
import type { MessageStep } from '../measure/timing.js';
import type { BenchmarkPlan } from '../plan.js';
import { formatSize } from '../sizes.js';
import type { RunContext } from './runner.js';
import type { Comparison } from './table.js';

/**
 * The baselines of one plan, measured step by step right after threadmpi's first measurement of the
 * same step: on a machine whose load changes (CI, a shared laptop), figures taken seconds apart
 * compare better than figures taken minutes apart.
 */
export class Baselines {
  readonly comparisons: Array<Comparison & { readonly values: Map<number, number>; readonly ratios: Map<number, number> }>;
  readonly references: Record<string, number> = {};
  /** What the baselines' own notes say (how a paired ratio was measured). */
  readonly notes: readonly string[];
  spinUs: number | null = null;

  constructor(
    private readonly plan: BenchmarkPlan,
    private readonly context: RunContext,
  ) {
    const names = context.baselines ? plan.entry.baselines : [];
    this.comparisons = names.map((name) => ({ key: SIZED_BASELINES[name].key, label: SIZED_BASELINES[name].label, values: new Map(), ratios: new Map() }));
    this.notes = names.flatMap((name) => {
      const { note }: SizedBaseline = SIZED_BASELINES[name];
      return note === undefined ? [] : [note];
    });
  }

  /** Measures every baseline at `step` unless done already. */
  async measureAt(step: MessageStep): Promise<void> {
    const { entry, name } = this.plan;
    const { progress } = this.context;
    for (const [i, comparison] of this.comparisons.entries()) {
      if (comparison.values.has(step.size)) continue;
      const baseline: SizedBaseline = SIZED_BASELINES[entry.baselines[i]!];
      const value = await progress.unit(`${name} ${baseline.label} ${formatSize(step.size)}`, () =>
        baseline.measure(step, entry.metric, entry.payload),
      );
      if (typeof value === 'number') comparison.values.set(step.size, value);
      else {
        comparison.values.set(step.size, value.value);
        comparison.ratios.set(step.size, value.ratio);
      }
    }
    if (this.context.baselines && entry.spinReference && this.spinUs === null) {
      const spin = await progress.unit(`${name} SAB spin`, () => measureSpinLatency(step));
      this.spinUs = this.references.sab_spin_8b_us = spin.avgUs;
    }
  }
}

