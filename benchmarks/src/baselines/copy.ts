import { timeIterations } from '../measure/loops.js';
import { filledBytes } from '../measure/payload.js';
import { bandwidthTiming, type Metric, type MessageStep } from '../measure/timing.js';

/**
 * The memcpy baseline: `dst.set(src)` of the step's size on the calling thread. Reported as the time of
 * one copy (compared with latency) or as copy bandwidth (compared with bandwidth).
 */
export function measureCopy(step: MessageStep, metric: Metric): number {
  const src = filledBytes(step.size);
  const dst = new Uint8Array(step.size);
  const elapsedUs = timeIterations(step, () => dst.set(src));
  return metric === 'latency' ? elapsedUs / step.iterations : bandwidthTiming(step.size, step.iterations, elapsedUs).mbPerSec;
}
