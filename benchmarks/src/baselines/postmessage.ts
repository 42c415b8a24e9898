import { MessageChannel } from 'node:worker_threads';
import type { PayloadKind } from '../measure/payload.js';
import { expectTiming, type LatencyTiming, type MessageStep } from '../measure/timing.js';
import { runWorkerPair } from './worker-pair.js';

const WORKER = new URL('./workers/postmessage-pingpong.js', import.meta.url);

/** One-way latency of a postMessage ping-pong between two worker_threads. */
export async function measurePostMessageLatency(step: MessageStep, payload: PayloadKind): Promise<LatencyTiming> {
  const { port1, port2 } = new MessageChannel();
  const report = await runWorkerPair<unknown>(WORKER, [
    { workerData: { port: port1, step, payload }, transferList: [port1] },
    { workerData: { port: port2, step, payload }, transferList: [port2] },
  ]);
  return expectTiming(report, 'latency', 'postMessage baseline');
}
