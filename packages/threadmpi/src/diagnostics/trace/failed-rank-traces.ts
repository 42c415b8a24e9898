/**
 * A failed rank ends its thread instead of answering its task (runtime/worker.ts), so the trace it
 * recorded, the most interesting one (it shows where the job went wrong), travels on a
 * BroadcastChannel named after the job. A message posted before the thread exits is delivered.
 */
import { BroadcastChannel } from 'node:worker_threads';
import type { TraceEvent } from '../types.js';

interface FailedRankTrace {
  readonly rank: number;
  readonly events: TraceEvent[];
}

const channelName = (jobId: number) => `threadmpi-trace-${jobId}`;

/** In a failing rank: hand its events to the launcher. */
export function postFailedRankTrace(jobId: number, rank: number, events: TraceEvent[]): void {
  const channel = new BroadcastChannel(channelName(jobId));
  channel.postMessage({ rank, events } satisfies FailedRankTrace);
  channel.close();
}

/** In the launcher, for one job: the traces of its failed ranks as they arrive. */
export class FailedRankTraces {
  private readonly channel: BroadcastChannel;
  private readonly received = new Map<number, TraceEvent[]>();
  private arrived: (() => void) | null = null;

  constructor(jobId: number) {
    this.channel = new BroadcastChannel(channelName(jobId));
    this.channel.onmessage = (message) => {
      const { rank, events } = (message as { data: FailedRankTrace }).data;
      this.received.set(rank, events);
      this.arrived?.();
    };
    // Not a reason to keep the process alive: the job's own ranks are.
    this.channel.unref();
  }

  /**
   * The traces of `ranks`, waiting up to `timeoutMs` for those still on their way (a rank whose
   * thread was terminated never sends one). Closes the channel.
   */
  async collect(ranks: readonly number[], timeoutMs: number): Promise<Map<number, TraceEvent[]>> {
    const deadline = performance.now() + timeoutMs;
    while (ranks.some((r) => !this.received.has(r)) && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.arrived = resolve;
        setTimeout(resolve, deadline - performance.now());
      });
    }
    this.channel.close();
    return this.received;
  }
}
