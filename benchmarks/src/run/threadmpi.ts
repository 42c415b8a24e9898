import { mpirun } from 'threadmpi';
import { expectTiming, type MessageStep, type RankStep, type Timing } from '../measure/timing.js';
import type { BenchmarkPlan } from '../plan.js';
import type { CollectiveStep } from '../ranks/collective-timing.js';

/** A job that has not finished by then is stuck, not slow: fail it instead of hanging the run. */
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * The variants of `plan` (indices into plan.variants) that share a job: a collective's all at once,
 * since its rank functions time them interleaved (ranks/collective-timing.ts); any other
 * benchmark's one a job, the jobs of one size back to back (run/runner.ts).
 */
export function jobGroups(plan: BenchmarkPlan): number[][] {
  const all = plan.variants.map((_, i) => i);
  return plan.entry.collective !== null ? [all] : all.map((i) => [i]);
}

/**
 * Runs one message size of a group of variants of `plan` (jobGroups) as one threadmpi job; rank 0
 * reports a timing per variant, returned in the group's order. `checks` false runs the job with
 * `checks: false` (no collective-mismatch checks, no leftovers report).
 */
export async function measureThreadmpi(
  plan: BenchmarkPlan,
  ranks: number,
  group: readonly (string | null)[],
  step: MessageStep,
  checks = true,
): Promise<Timing[]> {
  const { entry } = plan;
  const collective = entry.collective !== null;
  // A collective plan's variants are algorithm names, never null.
  const rankStep: CollectiveStep | RankStep = collective ? { ...step, variants: group as string[] } : { ...step, variant: group[0] ?? null };
  const results = await mpirun(ranks, entry.ranksModule, {
    fn: entry.fn,
    args: [rankStep, ...plan.rankArgs],
    timeoutMs: STEP_TIMEOUT_MS,
    checks,
  });
  const source = `threadmpi ${plan.name} rank 0`;
  if (!collective) return [expectTiming(results[0], entry.metric, source)];
  const reported = results[0];
  if (!Array.isArray(reported) || reported.length !== group.length) {
    throw new Error(`${source} reported ${JSON.stringify(reported)}, expected ${group.length} timing(s)`);
  }
  return reported.map((timing: unknown, i) => expectTiming(timing, entry.metric, `${source} (${group[i]})`));
}
