/**
 * The entry point of a rank thread: piscina calls the default export once per rank per job.
 * It binds COMM_WORLD to the job, runs the user's code, and reports the outcome as plain data
 * (never by throwing, so the launcher always gets the rank's own message and stack).
 */
import { toRankFailure, type RankFailure } from '../errors.js';
import { RANK_FAILURE_LENGTH } from '../transport/layout.js';
import { setCurrentRuntime } from './current.js';
import { RankRuntime } from './rank-runtime.js';
import type { RankOutcome, RankTask } from './task.js';
import { loadProgram } from './program-loader.js';
import { tagOutput } from './output-tagging.js';
import { COMM_WORLD } from '../world.js';
import { startRankDiagnostics } from '../diagnostics/rank-diagnostics.js';

export default async function runRank(task: RankTask): Promise<RankOutcome> {
  const runtime = new RankRuntime(task);
  setCurrentRuntime(runtime);
  const savedArgv = process.argv;
  process.argv = [savedArgv[0]!, task.module, ...task.argv];
  const untag = task.tagOutput ? tagOutput(task.rank) : null;
  const diagnostics = startRankDiagnostics(runtime, task.jobId, task.diagnostics);
  try {
    let value: unknown;
    if (task.mode === 'program') {
      await loadProgram(task.module, task.compiled, task.jobId);
    } else {
      const mod = await loadProgram(task.module, task.compiled);
      const name = task.fn ?? 'default';
      const fn = mod[name];
      if (typeof fn !== 'function') {
        throw new TypeError(`${task.module} has no exported function "${name}" (exports: ${Object.keys(mod).join(', ') || 'none'})`);
      }
      value = await fn(COMM_WORLD, ...task.args);
    }
    runtime.waiter.finish(false);
    await flushOutput();
    return { ok: true, value, diagnostics: diagnostics.finished() };
  } catch (error) {
    runtime.waiter.finish(true);
    diagnostics.failed();
    return failed(runtime, toRankFailure(error));
  } finally {
    untag?.();
    runtime.close();
    process.argv = savedArgv;
    setCurrentRuntime(null);
  }
}

/**
 * A rank's output travels to the launcher on the worker's stdio channel, apart from the task's
 * result; wait until what the rank printed has been handed to that channel, so the launcher has
 * it before it learns that the rank finished (and, in the CLI, before threads are torn down).
 */
function flushOutput(): Promise<unknown> {
  return Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))));
}

/**
 * A failed job may leave the user's timers and callbacks queued in this thread; in a reused
 * worker they would run inside the next job. So the thread ends here (piscina replaces it), and
 * the failure travels through the job's shared memory, since the task will never answer.
 */
function failed(runtime: RankRuntime, failure: RankFailure): never {
  const text = runtime.mem.describeText(runtime.rank);
  let json = JSON.stringify(failure);
  let bytes = new TextEncoder().encode(json);
  while (bytes.length > text.length) {
    failure = { ...failure, stack: failure.stack?.slice(0, Math.floor((failure.stack.length * 3) / 4)) ?? '' };
    json = JSON.stringify(failure);
    bytes = new TextEncoder().encode(json);
  }
  text.set(bytes);
  Atomics.store(runtime.mem.control, runtime.mem.rankWord(runtime.rank, RANK_FAILURE_LENGTH), bytes.length);
  process.exit(1);
}
