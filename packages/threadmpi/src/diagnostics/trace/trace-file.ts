/**
 * Writing a job's trace as a Chrome Trace Event file (JSON object format), which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: the job is one process, each rank one thread track
 * named `rank <r>` and sorted by rank, holding the events that rank recorded.
 */
import type { TraceEvent } from '../types.js';

export interface TraceFile {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Record<string, unknown>;
}

export function traceFile(jobId: number, program: string, perRank: ReadonlyArray<readonly TraceEvent[] | undefined>): TraceFile {
  const meta = (name: string, tid: number, args: Record<string, unknown>): TraceEvent => ({ name, ph: 'M', ts: 0, pid: jobId, tid, args });
  const events: TraceEvent[] = [meta('process_name', 0, { name: `threadmpi job ${jobId}: ${program}` })];
  perRank.forEach((rankEvents, rank) => {
    events.push(meta('thread_name', rank, { name: `rank ${rank}` }), meta('thread_sort_index', rank, { sort_index: rank }));
    if (rankEvents !== undefined) events.push(...rankEvents);
  });
  const missing = perRank.flatMap((e, rank) => (e === undefined ? [rank] : []));
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: { producer: 'threadmpi', ranks: perRank.length, ...(missing.length > 0 ? { ranksWithoutEvents: missing } : {}) },
  };
}

export async function writeTraceFile(path: string, file: TraceFile): Promise<void> {
  // Imported here: this module is in the chunk every rank thread loads, and node:fs/promises
  // (with the readline and watcher modules it loads) would cost each about a millisecond.
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, JSON.stringify(file));
}
