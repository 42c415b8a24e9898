/**
 * Where a rank's collective overrides come from: the environment (read once per job, in the rank's
 * thread) and `setCollectiveAlgorithm` calls made in that job. Kept per job runtime, so a warm
 * worker thread starts every job without the previous job's settings.
 *
 *   `THREADMPI_COLL_<COLLECTIVE>=<algorithm>`   force an algorithm (THREADMPI_COLL_ALLREDUCE=ring)
 *   THREADMPI_COLL_RULES=<file.json>          a rules file (rules.ts)
 */
import { readFileSync } from 'node:fs';
import { mpiError } from '../errors.js';
import type { RankRuntime } from '../runtime/rank-runtime.js';
import { currentRuntime } from '../runtime/current.js';
import { COLLECTIVE_ALGORITHMS, COLLECTIVES, isCollective, type Collective } from './registry.js';
import { parseRules } from './rules.js';
import type { Overrides } from './select.js';

export const RULES_VARIABLE = 'THREADMPI_COLL_RULES';

export function forcedVariable(collective: Collective): string {
  return `THREADMPI_COLL_${collective.toUpperCase()}`;
}

/**
 * The registry's own string for `algorithm` (selection compares names on every call, and the
 * registry's strings compare by identity where a string read from the environment compares by content).
 */
function checkAlgorithm(collective: Collective, algorithm: string, where: string): string {
  const known = COLLECTIVE_ALGORITHMS[collective].find((name) => name === algorithm);
  if (known === undefined) {
    throw mpiError('ERR_ARG', `${where}: unknown ${collective} algorithm "${algorithm}"; expected one of ${COLLECTIVE_ALGORITHMS[collective].join(', ')}`);
  }
  return known;
}

/** The overrides an environment asks for; `readFile` is injectable for tests. */
export function overridesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): JobOverrides {
  const forced = new Map<Collective, string>();
  for (const collective of COLLECTIVES) {
    const variable = forcedVariable(collective);
    const value = env[variable];
    if (value === undefined || value === '') continue;
    forced.set(collective, checkAlgorithm(collective, value, variable));
  }
  const file = env[RULES_VARIABLE];
  if (file === undefined || file === '') return { forced, rules: null };
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    throw mpiError('ERR_ARG', `${RULES_VARIABLE}=${file}: cannot read the rules file (${(e as Error).message})`);
  }
  return { forced, rules: parseRules(text, file) };
}

/**
 * The overrides selection works with, for `selectAlgorithm`: those an environment asks for
 * (`THREADMPI_COLL_<NAME>`, THREADMPI_COLL_RULES), as a job started with it would begin; or, without
 * `env`, those of the calling rank's job as they are now (its environment and its
 * setCollectiveAlgorithm calls; outside a job, the singleton world's, from process.env).
 */
export function collectiveOverrides(env?: Readonly<Record<string, string | undefined>>): Overrides {
  return env === undefined ? overridesFor(currentRuntime()) : overridesFromEnv(env);
}

interface JobOverrides extends Overrides {
  readonly forced: Map<Collective, string>;
}

const perJob = new WeakMap<RankRuntime, JobOverrides>();

export function overridesFor(runtime: RankRuntime): JobOverrides {
  let o = perJob.get(runtime);
  if (o === undefined) perJob.set(runtime, (o = overridesFromEnv(process.env)));
  return o;
}

/**
 * Force `algorithm` for every later call of `collective` in this rank, for the rest of the job
 * (null returns to the automatic choice). Call it on every rank alike: ranks that ran different
 * algorithms would not understand each other. The programmatic twin of `THREADMPI_COLL_<NAME>`.
 */
export function setCollectiveAlgorithm(collective: string, algorithm: string | null): void {
  if (!isCollective(collective)) {
    throw mpiError('ERR_ARG', `setCollectiveAlgorithm: unknown collective "${collective}"; expected one of ${COLLECTIVES.join(', ')}`);
  }
  const o = overridesFor(currentRuntime());
  if (algorithm === null) {
    o.forced.delete(collective);
    return;
  }
  o.forced.set(collective, checkAlgorithm(collective, algorithm, 'setCollectiveAlgorithm'));
}
