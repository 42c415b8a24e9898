import { mpirun } from 'threadmpi';
import { expectTiming, type MessageStep, type RankStep, type Timing } from '../measure/timing.js';
import type { BenchmarkPlan } from '../plan.js';

/** A job that has not finished by then is stuck, not slow: fail it instead of hanging the run. */
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Runs one message size of one variant of `plan` as its own threadmpi job; rank 0 reports the timing.
 * `checks` false runs the job with `checks: false` (no collective-mismatch checks, no leftovers report).
 */
export async function measureThreadmpi(
  plan: BenchmarkPlan,
  ranks: number,
  variant: string | null,
  step: MessageStep,
  checks = true,
): Promise<Timing> {
  const { entry } = plan;
  const rankStep: RankStep = { ...step, variant };
  const results = await mpirun(ranks, entry.ranksModule, {
    fn: entry.fn,
    args: [rankStep, ...plan.rankArgs],
    timeoutMs: STEP_TIMEOUT_MS,
    checks,
  });
  return expectTiming(results[0], entry.metric, `threadmpi ${plan.name} rank 0`);
}
