/** Turns a CLI name plus flags into concrete runs: which benchmark, on which rank counts, which steps. */
import type { IterationCount, MessageStep } from './measure/timing.js';
import type { SizeRange } from './options.js';
import { BENCHMARKS, SUITES, type BenchmarkEntry, type BenchmarkName } from './registry.js';
import { UsageError } from './errors.js';
import { iterationsFor, osuSizes, type IterationPolicy } from './sizes.js';

/** What the command line can change; anything absent keeps the benchmark's (or suite's) default. */
export interface PlanOverrides {
  readonly ranks?: readonly number[];
  readonly sizeRange?: SizeRange;
  readonly iterations?: number;
  readonly warmup?: number;
}

export interface BenchmarkPlan {
  readonly name: BenchmarkName;
  readonly entry: BenchmarkEntry;
  readonly ranks: readonly number[];
  readonly steps: readonly MessageStep[];
}

/** Plans a benchmark or suite by name. */
export function planSelection(name: string, overrides: PlanOverrides): BenchmarkPlan[] {
  if (Object.hasOwn(SUITES, name)) {
    return SUITES[name as keyof typeof SUITES].members.map((member) =>
      planBenchmark(member.benchmark, member.sizes, member.iterations, overrides),
    );
  }
  if (Object.hasOwn(BENCHMARKS, name)) {
    const entry: BenchmarkEntry = BENCHMARKS[name as BenchmarkName];
    return [planBenchmark(name as BenchmarkName, osuSizes(entry.sizes.min, entry.sizes.max), entry.iterations, overrides)];
  }
  const known = [...Object.keys(BENCHMARKS), ...Object.keys(SUITES)].join(', ');
  throw new UsageError(`unknown benchmark "${name}" (known: ${known})`);
}

function planBenchmark(
  name: BenchmarkName,
  defaultSizes: readonly number[],
  policy: IterationPolicy,
  overrides: PlanOverrides,
): BenchmarkPlan {
  const entry: BenchmarkEntry = BENCHMARKS[name];
  const ranks = overrides.ranks ?? entry.ranks.default;
  for (const n of ranks) {
    if (n < entry.ranks.min || n > entry.ranks.max) {
      const allowed = entry.ranks.min === entry.ranks.max ? `exactly ${entry.ranks.min}` : `${entry.ranks.min} to ${entry.ranks.max}`;
      throw new UsageError(`${name} runs on ${allowed} ranks, not ${n}`);
    }
  }
  const range = overrides.sizeRange;
  const sizes = range === undefined ? defaultSizes : osuSizes(range.min ?? entry.sizes.min, range.max);
  if (sizes.length === 0) {
    throw new UsageError(`no message sizes for ${name}: its minimum size ${entry.sizes.min} is above the maximum ${range?.max}`);
  }
  const steps = sizes.map((size): MessageStep => {
    const counts: IterationCount = iterationsFor(policy, size);
    return { size, iterations: overrides.iterations ?? counts.iterations, warmup: overrides.warmup ?? counts.warmup };
  });
  return { name, entry, ranks, steps };
}
