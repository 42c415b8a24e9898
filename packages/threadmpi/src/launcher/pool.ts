/**
 * The warm pool of rank threads (piscina). Repeated jobs (tests, benchmarks) reuse idle threads
 * instead of paying worker start-up each time; idle threads are unref'd by piscina, use no CPU
 * and do not keep the process alive, and are retired after IDLE_MS.
 *
 * A job needs all its ranks running at once (they wait for each other), so the pool must never
 * queue a rank behind another job: maxThreads is far above any job mix we accept, and piscina
 * starts a new thread whenever none is idle.
 */
import { Piscina } from 'piscina';
import type { RankOutcome, RankTask } from '../runtime/task.js';

export const MAX_RANKS = 256;
const MAX_THREADS = 4 * MAX_RANKS;
const IDLE_MS = 30_000;

let pool: Piscina<RankTask, RankOutcome> | null = null;

export function rankPool(): Piscina<RankTask, RankOutcome> {
  pool ??= new Piscina<RankTask, RankOutcome>({
    filename: new URL('../runtime/worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: MAX_THREADS,
    idleTimeout: IDLE_MS,
    concurrentTasksPerWorker: 1,
    // Rank threads block in Atomics.wait themselves; piscina's own Atomics-based task hand-off
    // would park idle threads outside their event loop, so it stays off.
    atomics: 'disabled',
  });
  return pool;
}

/** Terminate every pooled thread (the CLI does this before exiting; tests may too). */
export async function closePool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
