/**
 * Starting test workers. Workers run the BUILT package (test/workers/*.mjs import ../../dist), since
 * jest does not transpile worker threads. A lost wake-up or a deadlock shows up as a worker that
 * never exits, so every wait here has a deadline that turns a hang into a failure.
 */
import { Worker } from 'node:worker_threads';

const WORKERS_DIR = new URL('../workers/', import.meta.url);
const DEFAULT_DEADLINE_MS = 30_000;

export interface RunningWorker {
  readonly worker: Worker;
  /** Resolves when the worker exits with code 0; rejects with its error or exit code otherwise. */
  readonly exited: Promise<void>;
}

export function startWorker(script: string, workerData: unknown): RunningWorker {
  const worker = new Worker(new URL(script, WORKERS_DIR), { workerData });
  const exited = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with code ${code}`))));
  });
  return { worker, exited };
}

/**
 * Await `work` (which involves `workers`), failing if it takes longer than `deadlineMs` or if a
 * worker fails first. On failure it terminates every worker, so a hung one cannot keep jest alive;
 * on success workers are left to finish on their own (await their `exited`).
 */
export async function withDeadline<T>(
  what: string,
  workers: readonly RunningWorker[],
  work: Promise<T>,
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${deadlineMs} ms (lost wake-up or deadlock?)`)), deadlineMs);
  });
  // A worker that dies while `work` waits on shared memory would otherwise leave it waiting forever.
  const anyWorkerFailed = Promise.all(workers.map((w) => w.exited)).then(() => new Promise<never>(() => {}));
  try {
    return await Promise.race([work, deadline, anyWorkerFailed]);
  } catch (error) {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Run one worker per entry of `inputs` and wait until all have exited cleanly. */
export async function runWorkers(script: string, inputs: readonly unknown[], deadlineMs?: number): Promise<void> {
  const workers = inputs.map((input) => startWorker(script, input));
  await withDeadline(script, workers, Promise.all(workers.map((w) => w.exited)), deadlineMs);
}
