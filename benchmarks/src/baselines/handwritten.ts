import { mpirun } from 'threadmpi';
import type { MessageStep } from '../measure/timing.js';

const PT2PT = new URL('../ranks/pt2pt.js', import.meta.url);
/** As for the measured jobs (run/threadmpi.ts): a stuck job fails instead of hanging the sweep. */
const TIMEOUT_MS = 5 * 60 * 1000;

/** One-way latency of threadmpi's ping-pong written without the benchmark's timing loop (ranks/pt2pt.ts). */
export async function measureHandWrittenLatency(step: MessageStep): Promise<number> {
  const [latencyUs] = await mpirun(2, PT2PT, { fn: 'handWrittenLatency', args: [step], timeoutMs: TIMEOUT_MS });
  if (typeof latencyUs !== 'number') throw new Error(`hand-written latency reported ${JSON.stringify(latencyUs)}`);
  return latencyUs;
}
