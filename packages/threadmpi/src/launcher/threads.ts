/**
 * Where a job's ranks run. Two kinds of rank threads share one interface: the warm pool
 * (pool.ts, piscina) that `mpirun` uses, so repeated jobs in one process reuse threads, and
 * one-shot threads that the CLI uses: a CLI run is a single job, so a pool would have nothing to
 * reuse, and leaving piscina out (in the launcher and in every rank thread) is part of start-up
 * time (docs/design.md, "Launching, failure and the warm pool").
 */
import { Worker } from 'node:worker_threads';
import type { RankOutcome, RankTask } from '../runtime/task.js';

export interface RankThreads {
  /** Run one rank; resolves with its outcome, rejects if its thread ended without one. Aborting
   *  the signal terminates the thread. */
  run(task: RankTask, signal: AbortSignal): Promise<RankOutcome>;
}

/** A one-shot thread (runtime/thread.ts) and what it reported, from the moment it starts. */
class OneShotThread {
  readonly worker = new Worker(new URL('../runtime/thread.js', import.meta.url));
  outcome: RankOutcome | undefined;
  error: unknown;
  /** Settles on 'exit': by then Node has delivered everything the thread wrote to stdout and
   *  stderr, so a rank's output always precedes the end of its job. */
  readonly exited = new Promise<number>((resolve) => this.worker.once('exit', resolve));

  constructor() {
    this.worker.on('message', (value: RankOutcome) => (this.outcome = value));
    this.worker.on('error', (e) => (this.error ??= e));
  }
}

/** Threads started ahead of their job (prestartThreads), waiting for a task. */
const prestarted: OneShotThread[] = [];

/**
 * Start `n` one-shot threads now, for a job whose tasks come later: each boots and loads the
 * library meanwhile. They do not keep the process alive until a job uses them.
 */
export function prestartThreads(n: number): void {
  for (let i = 0; i < n; i++) {
    const thread = new OneShotThread();
    thread.worker.unref();
    prestarted.push(thread);
  }
}

/** One thread per rank, ended when its rank finishes. */
export const oneShotThreads: RankThreads = {
  async run(task, signal) {
    const thread = prestarted.shift() ?? new OneShotThread();
    thread.worker.ref();
    thread.worker.postMessage(task);
    const terminate = (): void => void thread.worker.terminate();
    if (signal.aborted) terminate();
    else signal.addEventListener('abort', terminate, { once: true });
    const code = await thread.exited;
    signal.removeEventListener('abort', terminate);
    if (thread.outcome !== undefined) return thread.outcome;
    throw thread.error ?? new Error(`the thread of rank ${task.rank} exited with code ${code}`);
  },
};
