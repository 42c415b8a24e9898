/**
 * One run of n ranks: allocates the job's shared memory, starts a rank for each in a thread of
 * the warm pool (or, from the CLI, in a one-shot thread), and settles once every rank has stopped.
 *
 * Failure: the first rank to fail (throw, Abort), a deadlock or a timeout marks the job aborting
 * in shared memory and rings every doorbell, so blocked ranks throw ERR_ABORTED out of their
 * waits at once. A rank busy computing never looks at shared memory, so after GRACE_MS its thread
 * is terminated through the threads' abort signal. The job settles only when every rank has stopped:
 * no worker outlives its job.
 */
import { DeadlockError, MPIJobError, TimeoutError, type RankFailure } from '../errors.js';
import {
  AbortKind, JOB_ABORT, JOB_ABORT_CODE, JOB_ABORT_KIND, JOB_ABORT_RANK, JobMemory, RANK_FAILURE_LENGTH, shapeFor,
} from '../transport/layout.js';
import type { RankTask } from '../runtime/task.js';
import { DeadlockMonitor } from './deadlock-monitor.js';
import { JobDiagnostics, type JobDiagnosticsOptions } from '../diagnostics/job-diagnostics.js';
import { pooledThreads } from './pool.js';
import type { RankThreads } from './threads.js';

const GRACE_MS = 300;
let nextJobId = 1;

export interface JobTarget {
  readonly module: string;
  /** What the ranks import instead of `module` (RankTask.compiled). */
  readonly compiled?: string;
  readonly mode: RankTask['mode'];
  readonly fn?: string;
  readonly args?: readonly unknown[];
  readonly argv?: readonly string[];
}

export interface JobOptions extends JobDiagnosticsOptions {
  timeoutMs?: number;
  deadlockMs?: number;
  eagerLimit?: number;
  tagOutput?: boolean;
  /** Where the ranks run (default: the warm pool). */
  threads?: RankThreads;
}

export const DEFAULT_DEADLOCK_MS = 1000;
export const DEFAULT_EAGER_LIMIT = 16 * 1024;

export class Job {
  readonly id = nextJobId++;
  private readonly mem: JobMemory;
  private readonly results: unknown[];
  private failure: Error | null = null;
  private readonly abortController = new AbortController();
  private hardStop: NodeJS.Timeout | null = null;

  constructor(
    readonly size: number,
    private readonly target: JobTarget,
    private readonly options: JobOptions,
  ) {
    const shape = shapeFor(size);
    this.mem = new JobMemory(JobMemory.allocate(shape), shape);
    this.results = new Array<unknown>(size);
  }

  async run(): Promise<unknown[]> {
    const threads = this.options.threads ?? (await pooledThreads());
    const originMs = performance.timeOrigin + performance.now();
    const monitor = new DeadlockMonitor(this.mem, this.options.deadlockMs ?? DEFAULT_DEADLOCK_MS, (e) => this.stop(e, AbortKind.DEADLOCK));
    const timeout =
      this.options.timeoutMs === undefined
        ? null
        : setTimeout(() => this.stop(new TimeoutError(this.options.timeoutMs!), AbortKind.TIMEOUT), this.options.timeoutMs);
    const diagnostics = new JobDiagnostics(this.id, this.mem, this.target.module, this.options);
    monitor.start();
    const ranks = Array.from({ length: this.size }, (_, rank) => {
      const task: RankTask = {
        jobId: this.id,
        rank,
        sab: this.mem.sab!,
        shape: this.mem.shape,
        eagerLimit: this.options.eagerLimit ?? DEFAULT_EAGER_LIMIT,
        originMs,
        module: this.target.module,
        compiled: this.target.compiled,
        mode: this.target.mode,
        fn: this.target.fn,
        args: this.target.args ?? [],
        argv: this.target.argv ?? [],
        tagOutput: this.options.tagOutput ?? false,
        diagnostics: diagnostics.request,
      };
      return threads.run(task, this.abortController.signal).then(
        (outcome) => {
          this.results[rank] = diagnostics.collect(rank, outcome).value;
        },
        (error: unknown) => this.rankFailed(rank, this.reportedFailure(rank) ?? crashFailure(error)),
      );
    });
    try {
      await Promise.all(ranks);
    } finally {
      monitor.stop();
      if (timeout !== null) clearTimeout(timeout);
      if (this.hardStop !== null) clearTimeout(this.hardStop);
    }
    await diagnostics.finish(this.failure);
    if (this.failure !== null) throw this.failure;
    return this.results;
  }

  /** The failure a rank wrote into shared memory before ending its thread, if it did. */
  private reportedFailure(rank: number): RankFailure | null {
    const length = Atomics.load(this.mem.control, this.mem.rankWord(rank, RANK_FAILURE_LENGTH));
    if (length === 0) return null;
    return JSON.parse(new TextDecoder().decode(this.mem.describeText(rank).slice(0, length))) as RankFailure;
  }

  private rankFailed(rank: number, f: RankFailure): void {
    const c = this.mem.control;
    if (f.errorClass === 'ERR_ABORTED') {
      // Either this rank called Abort (the cause), or it was stopped because of another cause.
      if (Atomics.load(c, JOB_ABORT_KIND) === AbortKind.ABORT_CALLED && c[JOB_ABORT_RANK] === rank) {
        this.stop(new MPIJobError(rank, f, c[JOB_ABORT_CODE]), AbortKind.ABORT_CALLED, rank);
      }
      return;
    }
    // Once the job is stopping, other ranks' failures (terminated threads, errors while
    // unwinding) are consequences, not causes.
    if (Atomics.load(c, JOB_ABORT) !== 0) return;
    this.stop(new MPIJobError(rank, f, 1), AbortKind.RANK_FAILED, rank);
  }

  /** Record the job's cause of failure (the first one wins) and stop every rank. */
  private stop(cause: Error, kind: number, rank = -1): void {
    if (this.failure === null) this.failure = cause;
    const c = this.mem.control;
    if (Atomics.compareExchange(c, JOB_ABORT, 0, 1) === 0) {
      c[JOB_ABORT_RANK] = rank;
      Atomics.store(c, JOB_ABORT_KIND, kind);
    }
    for (let r = 0; r < this.size; r++) this.mem.doorbell(r).ring();
    this.hardStop ??= setTimeout(() => this.abortController.abort(), GRACE_MS);
  }
}

function crashFailure(error: unknown): RankFailure {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export { DeadlockError };
