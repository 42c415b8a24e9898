import { Worker, type Transferable } from 'node:worker_threads';

/** What each of the two workers of a pair receives; `role` 0 measures and reports, role 1 answers. */
export interface PairRole {
  readonly workerData: Record<string, unknown>;
  readonly transferList?: readonly Transferable[];
}

/**
 * Runs `module` on two worker_threads (roles 0 and 1) and resolves with role 0's report. Both workers are
 * terminated however it ends, so a spinning partner of a failed worker never outlives the measurement.
 */
export async function runWorkerPair<T>(module: URL, roles: readonly [PairRole, PairRole]): Promise<T> {
  const workers = roles.map(
    (role, index) =>
      new Worker(module, {
        workerData: { ...role.workerData, role: index },
        transferList: role.transferList ? [...role.transferList] : undefined,
      }),
  );
  try {
    const [report] = await Promise.all(workers.map(firstMessage));
    return report as T;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a report this rejects an already settled promise, which is a no-op.
    worker.once('exit', (code) => reject(new Error(`baseline worker exited with code ${code} before reporting`)));
  });
}
