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

/** One thread per rank, ended when its rank finishes (runtime/thread.ts). */
export const oneShotThreads: RankThreads = {
  run(task, signal) {
    return new Promise<RankOutcome>((resolve, reject) => {
      const worker = new Worker(new URL('../runtime/thread.js', import.meta.url), { workerData: task });
      let outcome: RankOutcome | undefined;
      let error: unknown;
      const terminate = (): void => void worker.terminate();
      worker.once('message', (value: RankOutcome) => (outcome = value));
      worker.once('error', (e) => (error = e));
      // Settling on 'exit' rather than on the message: by then Node has delivered everything the
      // thread wrote to stdout and stderr, so a rank's output always precedes the job's end.
      worker.once('exit', (code) => {
        signal.removeEventListener('abort', terminate);
        if (outcome !== undefined) resolve(outcome);
        else reject(error ?? new Error(`the thread of rank ${task.rank} exited with code ${code}`));
      });
      if (signal.aborted) terminate();
      else signal.addEventListener('abort', terminate, { once: true });
    });
  },
};
