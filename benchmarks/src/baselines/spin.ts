import { expectTiming, type IterationCount, type LatencyTiming } from '../measure/timing.js';
import { SPIN_BUFFER_BYTES, SPIN_MESSAGE_BYTES } from './spin-layout.js';
import { runWorkerPair } from './worker-pair.js';

const WORKER = new URL('./workers/spin-pingpong.js', import.meta.url);

/** One-way latency of the bare SharedArrayBuffer spin ping-pong (8 B). */
export async function measureSpinLatency(count: IterationCount): Promise<LatencyTiming> {
  const shared = new SharedArrayBuffer(SPIN_BUFFER_BYTES);
  const step = { ...count, size: SPIN_MESSAGE_BYTES };
  const report = await runWorkerPair<unknown>(WORKER, [{ workerData: { shared, step } }, { workerData: { shared, step } }]);
  return expectTiming(report, 'latency', 'spin baseline');
}
