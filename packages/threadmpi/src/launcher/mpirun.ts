/**
 * `mpirun(n, module, options)`: run an exported function of a module on n ranks and collect
 * what each rank returns.
 */
import { mpiError } from '../errors.js';
import { toModuleHref } from '../runtime/program-loader.js';
import { Job, type JobOptions } from './job.js';
import { MAX_RANKS } from './pool.js';
import type { LeftoversMode } from '../diagnostics/types.js';

export interface MpirunOptions {
  /** Export to call as fn(comm, ...args); default: the default export. */
  fn?: string;
  /** Arguments after `comm`; structured-clone-able. */
  args?: readonly unknown[];
  /** Stop the job with TimeoutError after this many milliseconds (default: no limit). */
  timeoutMs?: number;
  /** Report a deadlock once every rank has been blocked this long (default 1000). */
  deadlockMs?: number;
  /** Largest message sent eagerly, in bytes (default 16 KiB); 0 makes standard sends synchronous. */
  eagerLimit?: number;
  /** Write a Chrome Trace Event file of the job to this path. */
  trace?: string;
  /** In the trace, also the point-to-point messages inside collectives (to see a ring from a tree). */
  traceInternals?: boolean;
  /** Prefix every line a rank prints with `[rank] `. */
  tagOutput?: boolean;
  /** Requests never completed, messages never received, communicators/windows never freed, at the end of
   *  a successful job: a warning per item on stderr (`warn`, default), LeftoversError (`error`), or nothing. */
  leftovers?: LeftoversMode;
  /** Collective-mismatch checks and the leftovers report (default true); false measures what they cost.
   *  Deadlock detection stays on: it costs a rank nothing until the rank blocks. */
  checks?: boolean;
}

export async function mpirun(n: number, module: URL | string, options: MpirunOptions = {}): Promise<unknown[]> {
  checkJobSize(n);
  const job = new Job(n, { module: toModuleHref(module), mode: 'function', fn: options.fn, args: options.args ?? [] }, jobOptions(options));
  return job.run();
}

export function checkJobSize(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_RANKS) {
    throw mpiError('ERR_ARG', `the number of ranks must be an integer in 1..${MAX_RANKS}, got ${n}`);
  }
}

export function jobOptions(o: Omit<MpirunOptions, 'fn' | 'args'>): JobOptions {
  if (o.eagerLimit !== undefined && (!Number.isInteger(o.eagerLimit) || o.eagerLimit < 0)) {
    throw mpiError('ERR_ARG', `eagerLimit must be a non-negative integer number of bytes, got ${o.eagerLimit}`);
  }
  if (o.deadlockMs !== undefined && !(o.deadlockMs > 0)) throw mpiError('ERR_ARG', `deadlockMs must be positive, got ${o.deadlockMs}`);
  if (o.timeoutMs !== undefined && !(o.timeoutMs > 0)) throw mpiError('ERR_ARG', `timeoutMs must be positive, got ${o.timeoutMs}`);
  if (o.leftovers !== undefined && !['warn', 'error', 'ignore'].includes(o.leftovers)) {
    throw mpiError('ERR_ARG', `leftovers must be 'warn', 'error' or 'ignore', got ${JSON.stringify(o.leftovers)}`);
  }
  return {
    timeoutMs: o.timeoutMs, deadlockMs: o.deadlockMs, eagerLimit: o.eagerLimit, tagOutput: o.tagOutput, trace: o.trace, traceInternals: o.traceInternals, leftovers: o.leftovers, checks: o.checks,
  };
}
