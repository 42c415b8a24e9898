/**
 * The launcher's side of a job's diagnostics: what to ask the ranks for, what they hand back with
 * their outcomes, and at the end the trace file and the leftovers report (a warning per item on
 * stderr, or LeftoversError with `leftovers: 'error'`).
 */
import { basename } from 'node:path';
import { LeftoversError } from '../errors.js';
import type { JobMemory } from '../transport/layout.js';
import { unreadMessages } from './leftovers.js';
import { FailedRankTraces } from './trace/failed-rank-traces.js';
import { traceFile, writeTraceFile } from './trace/trace-file.js';
import type { DiagnosticsRequest, Leftover, LeftoversMode, RankDiagnostics } from './types.js';

export interface JobDiagnosticsOptions {
  /** Path of the Chrome Trace Event file to write. */
  readonly trace?: string;
  /** Show the point-to-point messages inside collectives (and window calls) in the trace: a slice and an arrow each. */
  readonly traceInternals?: boolean;
  readonly leftovers?: LeftoversMode;
  /**
   * false: no collective-mismatch checks and no leftovers report (unless `leftovers` asks for
   * one), to measure what checking costs. Deadlock detection stays: it costs a rank nothing
   * until the rank blocks.
   */
  readonly checks?: boolean;
}

const DEFAULT_LEFTOVERS: LeftoversMode = 'warn';
/** How long to wait for the traces of failed ranks still on their way (terminated ranks send none). */
const FAILED_TRACE_WAIT_MS = 500;

export class JobDiagnostics {
  readonly request: DiagnosticsRequest;
  private readonly fromRanks: Array<RankDiagnostics | undefined>;
  private readonly mode: LeftoversMode;
  private readonly failedTraces: FailedRankTraces | null;

  constructor(
    private readonly jobId: number,
    private readonly mem: JobMemory,
    private readonly program: string,
    private readonly options: JobDiagnosticsOptions,
  ) {
    const checks = options.checks ?? true;
    this.mode = options.leftovers ?? (checks ? DEFAULT_LEFTOVERS : 'ignore');
    this.request = {
      trace: options.trace !== undefined,
      traceInternals: options.traceInternals ?? false,
      leftovers: this.mode !== 'ignore',
      collectiveChecks: checks,
    };
    this.fromRanks = Array.from({ length: mem.shape.size }, () => undefined);
    this.failedTraces = options.trace === undefined ? null : new FailedRankTraces(jobId);
  }

  /** Keep what a rank handed back; returns its outcome unchanged. */
  collect<O extends { readonly diagnostics?: RankDiagnostics }>(rank: number, outcome: O): O {
    this.fromRanks[rank] = outcome.diagnostics;
    return outcome;
  }

  /**
   * Once every rank has stopped: write the trace (failed jobs too: a trace shows where it went
   * wrong), then report what a successful job left behind. Throws LeftoversError in 'error' mode.
   */
  async finish(failure: Error | null): Promise<void> {
    if (this.options.trace !== undefined) await this.writeTrace(this.options.trace, failure);
    if (failure !== null || this.mode === 'ignore') return;
    const leftovers = this.leftovers();
    if (leftovers.length === 0) return;
    if (this.mode === 'error') throw new LeftoversError(leftovers);
    process.stderr.write(
      leftovers.map((l) => `threadmpi: warning: ${l.text}\n`).join('') +
        `threadmpi: (leftovers: 'error' makes these fail the job, 'ignore' silences them; CLI: --leftovers)\n`,
    );
  }

  private leftovers(): Leftover[] {
    const contexts = this.fromRanks.map((d) => new Map(d?.contexts ?? []));
    const items = [...this.fromRanks.flatMap((d) => d?.leftovers ?? []), ...unreadMessages(this.mem, contexts)];
    return items.sort((a, b) => a.rank - b.rank);
  }

  private async writeTrace(path: string, failure: Error | null): Promise<void> {
    const silent = this.fromRanks.flatMap((d, rank) => (d === undefined ? [rank] : []));
    const failed = await this.failedTraces!.collect(silent, FAILED_TRACE_WAIT_MS);
    const perRank = this.fromRanks.map((d, rank) => d?.trace ?? failed.get(rank));
    const file = traceFile(this.jobId, basename(decodeURIComponent(this.program)), perRank);
    try {
      await writeTraceFile(path, file);
    } catch (error) {
      // The job's own failure is the news; a trace that could not be written must not hide it.
      if (failure === null) throw error;
      process.stderr.write(`threadmpi: could not write the trace ${path}: ${(error as Error).message}\n`);
    }
  }
}
