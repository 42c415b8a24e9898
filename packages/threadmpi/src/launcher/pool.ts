/**
 * The warm pool of rank threads (piscina). Repeated jobs (tests, benchmarks) reuse idle threads
 * instead of paying worker start-up each time; idle threads are unref'd by piscina, use no CPU
 * and do not keep the process alive, and are retired after IDLE_MS.
 *
 * A job needs all its ranks running at once (they wait for each other), so the pool must never
 * queue a rank behind another job: maxThreads is far above any job mix we accept, and piscina
 * starts a new thread whenever none is idle.
 *
 * piscina is imported on the first job, not with this module: rank threads load this module too
 * (user programs import 'threadmpi', which exports mpirun), and they never start a pool.
 */
import type { Piscina } from 'piscina';
import type { RankOutcome, RankTask } from '../runtime/task.js';
import type { RankThreads } from './threads.js';

export const MAX_RANKS = 256;
const MAX_THREADS = 4 * MAX_RANKS;
const IDLE_MS = 30_000;

type RankPool = Piscina<RankTask, RankOutcome>;

let pool: Promise<RankPool> | null = null;

/** Rank threads from the warm pool, started on first use. */
export async function pooledThreads(): Promise<RankThreads> {
  const p = await rankPool();
  return { run: (task, signal) => p.run(task, { signal }) };
}

function rankPool(): Promise<RankPool> {
  pool ??= import('piscina').then(({ Piscina }) => new Piscina<RankTask, RankOutcome>({
    filename: new URL('../runtime/worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: MAX_THREADS,
    idleTimeout: IDLE_MS,
    concurrentTasksPerWorker: 1,
    // Rank threads block in Atomics.wait themselves; piscina's own Atomics-based task hand-off
    // would park idle threads outside their event loop, so it stays off.
    atomics: 'disabled',
  }));
  return pool;
}

/** Terminate every pooled thread (the CLI does this before exiting; tests may too). */
export async function closePool(): Promise<void> {
  const p = pool;
  pool = null;
  await (await p)?.destroy();
}
