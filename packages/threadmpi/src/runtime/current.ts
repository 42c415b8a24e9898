/**
 * Which job the code running in this thread belongs to.
 *
 * A warm pool reuses worker threads across jobs, so COMM_WORLD cannot be fixed at module load:
 * it looks up the current rank runtime on every call. The runtime is kept on globalThis under a
 * registered symbol so that a second copy of this module (a program loaded through another
 * loader) still finds the same job. Outside any job, the first use creates a singleton world of
 * size 1, as MPI's singleton init does.
 */
import { JobMemory, shapeFor } from '../transport/layout.js';
import { RankRuntime } from './rank-runtime.js';

const KEY = Symbol.for('threadmpi.currentRuntime');
const DEFAULT_EAGER_LIMIT = 16 * 1024;

type Holder = { [KEY]?: RankRuntime | null };

export function currentRuntime(): RankRuntime {
  const holder = globalThis as Holder;
  let rt = holder[KEY];
  if (rt == null) {
    const shape = shapeFor(1);
    rt = new RankRuntime({ jobId: 0, rank: 0, sab: JobMemory.allocate(shape), shape, eagerLimit: DEFAULT_EAGER_LIMIT, originMs: performance.timeOrigin });
    holder[KEY] = rt;
  }
  return rt;
}

export function setCurrentRuntime(rt: RankRuntime | null): void {
  (globalThis as Holder)[KEY] = rt;
}

export { DEFAULT_EAGER_LIMIT };
