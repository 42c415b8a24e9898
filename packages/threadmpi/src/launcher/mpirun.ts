/**
 * `mpirun(n, module, options)`: run an exported function of a module on n ranks and collect
 * what each rank returns.
 */
import { mpiError } from '../errors.js';
import { toModuleHref } from '../runtime/program-loader.js';
import { Job, type JobOptions } from './job.js';
import { MAX_RANKS } from './pool.js';

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
  /** Prefix every line a rank prints with `[rank] `. */
  tagOutput?: boolean;
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
  return { timeoutMs: o.timeoutMs, deadlockMs: o.deadlockMs, eagerLimit: o.eagerLimit, tagOutput: o.tagOutput };
}
