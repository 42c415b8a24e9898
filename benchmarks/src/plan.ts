/**
 * Turns a CLI name plus flags into concrete runs: which benchmark, on which rank counts, which
 * variants (algorithms or synchronisation modes), which steps.
 */
import type { IterationCount, MessageStep } from './measure/timing.js';
import type { ChecksSetting, SizeRange } from './options.js';
import type { WindowCreation } from './ranks/one-sided.js';
import { BENCHMARKS, isBenchmarkName, SUITES, type BenchmarkEntry, type BenchmarkName, type SuiteMember } from './registry.js';
import { UsageError } from './errors.js';
import { iterationsFor, osuSizes } from './sizes.js';

/** Variants asked for on the command line: `all`, or names. */
export type VariantSelection = 'all' | readonly string[];

/** What the command line can change; anything absent keeps the benchmark's (or suite's) default. */
export interface PlanOverrides {
  readonly ranks?: readonly number[];
  readonly sizeRange?: SizeRange;
  readonly iterations?: number;
  readonly warmup?: number;
  /** `--algo`: applies to benchmarks whose variants are collective algorithms. */
  readonly algorithms?: VariantSelection;
  /** `--sync`: applies to benchmarks whose variants are synchronisation modes. */
  readonly syncModes?: VariantSelection;
  /** `-w`: how one-sided benchmarks make their window. */
  readonly windowCreation?: WindowCreation;
  /** `--checks`: applies to every benchmark (each runs threadmpi jobs). */
  readonly checks?: ChecksSetting;
}

export interface BenchmarkPlan {
  readonly name: BenchmarkName;
  readonly entry: BenchmarkEntry;
  readonly ranks: readonly number[];
  /** Measured and reported one by one; a single null for benchmarks without variants. */
  readonly variants: readonly (string | null)[];
  readonly steps: readonly MessageStep[];
  /** What each rank function receives after the step. */
  readonly rankArgs: readonly unknown[];
  /** Checks on (default), off, or both (each size measured in alternating trials of on and off). */
  readonly checks: ChecksSetting;
  /** false: this plan skips baselines and native MPI whatever the command line says (a suite member's choice). */
  readonly comparisons: boolean;
}

/** Plans a benchmark or suite by name. */
export function planSelection(name: string, overrides: PlanOverrides): BenchmarkPlan[] {
  if (Object.hasOwn(SUITES, name)) {
    return SUITES[name as keyof typeof SUITES].members.map((member: SuiteMember) => planMember(member, overrides, false));
  }
  if (isBenchmarkName(name)) {
    const plan = planMember({ benchmark: name }, overrides, true);
    return [plan];
  }
  const known = [...Object.keys(BENCHMARKS), ...Object.keys(SUITES)].join(', ');
  throw new UsageError(`unknown benchmark "${name}" (known: ${known})`);
}

/** `strict`: flags that cannot apply to this benchmark are errors (a suite's members just ignore them). */
export function planMember(member: SuiteMember, overrides: PlanOverrides, strict: boolean): BenchmarkPlan {
  const name = member.benchmark;
  const entry: BenchmarkEntry = BENCHMARKS[name];
  const ranks = overrides.ranks ?? member.ranks ?? entry.ranks.default;
  for (const n of ranks) {
    if (n < entry.ranks.min || n > entry.ranks.max) {
      const allowed = entry.ranks.min === entry.ranks.max ? `exactly ${entry.ranks.min}` : `${entry.ranks.min} to ${entry.ranks.max}`;
      throw new UsageError(`${name} runs on ${allowed} ranks, not ${n}`);
    }
  }
  const sizes = planSizes(name, entry, member, overrides.sizeRange, strict);
  const policy = member.iterations ?? entry.iterations;
  const steps = sizes.map((size): MessageStep => {
    const counts: IterationCount = iterationsFor(policy, size);
    return { size, iterations: overrides.iterations ?? counts.iterations, warmup: overrides.warmup ?? counts.warmup };
  });
  const variants = planVariants(name, entry, member, overrides, strict);
  if (strict && overrides.windowCreation !== undefined && !entry.windowCreationArg) {
    throw new UsageError(`-w applies to the one-sided benchmarks, not ${name}`);
  }
  const rankArgs = entry.windowCreationArg ? [overrides.windowCreation ?? 'allocate', ...entry.rankArgs] : entry.rankArgs;
  const checks = overrides.checks ?? member.checks ?? 'on';
  return { name, entry, ranks, variants, steps, rankArgs, checks, comparisons: member.comparisons ?? true };
}

function planSizes(name: string, entry: BenchmarkEntry, member: SuiteMember, range: SizeRange | undefined, strict: boolean): number[] {
  const { min, max } = entry.sizes;
  if (min === max) {
    if (strict && range !== undefined) throw new UsageError(`${name} has a single message size (${min} B); -m does not apply`);
    return [min];
  }
  if (range === undefined) return [...(member.sizes ?? osuSizes(min, max))];
  const sizes = osuSizes(Math.max(range.min ?? min, min), range.max);
  if (sizes.length === 0) {
    throw new UsageError(`no message sizes for ${name}: its minimum size ${min} is above the maximum ${range.max}`);
  }
  // A Float64 benchmark (minimum 8 B) cannot send part of an element.
  const partial = min > 1 ? sizes.find((size) => size % min !== 0) : undefined;
  if (partial !== undefined) throw new UsageError(`${name} sizes must be multiples of ${min} B, not ${partial}`);
  return sizes;
}

function planVariants(name: string, entry: BenchmarkEntry, member: SuiteMember, overrides: PlanOverrides, strict: boolean): (string | null)[] {
  const axis = entry.variants;
  const asked = axis?.kind === 'algorithm' ? overrides.algorithms : axis?.kind === 'sync' ? overrides.syncModes : undefined;
  if (strict) {
    if (overrides.algorithms !== undefined && axis?.kind !== 'algorithm') throw new UsageError(`--algo applies to collective benchmarks, not ${name}`);
    if (overrides.syncModes !== undefined && axis?.kind !== 'sync') throw new UsageError(`--sync applies to one-sided benchmarks, not ${name}`);
  }
  if (axis === null) return [null];
  let selection = asked ?? member.variants ?? [axis.defaultName];
  if (selection === 'all') return [...axis.names];
  // A suite's members each take the names they know (`--algo linear` means nothing to barrier).
  if (!strict && asked !== undefined) {
    const known = selection.filter((variant) => axis.names.includes(variant));
    selection = known.length > 0 ? known : (member.variants ?? [axis.defaultName]);
    if (selection === 'all') return [...axis.names];
  }
  const unknown = selection.find((variant) => !axis.names.includes(variant));
  if (unknown !== undefined) {
    const what = axis.kind === 'algorithm' ? `${entry.collective?.collective ?? name} algorithm` : 'synchronisation mode';
    throw new UsageError(`unknown ${what} "${unknown}" for ${name} (known: ${axis.names.join(', ')}, all)`);
  }
  return [...selection];
}
