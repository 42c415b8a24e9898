/**
 * The diagnostics of one rank of one job, inside its worker: started before the program loads
 * (tracing must be in place for its first call), finished when it returns, with what the launcher
 * asked for (trace events, leftovers) as plain data for the rank's outcome. A failing rank ends
 * its thread instead of returning an outcome, so its trace is posted to the launcher directly.
 */
import type { RankRuntime } from '../runtime/rank-runtime.js';
import { uncheckCollectives } from './collective-ledger.js';
import { rankLeftovers } from './leftovers.js';
import { contextNames } from './resources.js';
import { postFailedRankTrace } from './trace/failed-rank-traces.js';
import { startTracing } from './trace/recorder.js';
import type { DiagnosticsRequest, RankDiagnostics } from './types.js';

export interface RankDiagnosticsSession {
  /** The program returned: stop collecting, and hand back what was asked for. */
  finished(): RankDiagnostics | undefined;
  /** The program failed: stop collecting, and post the trace (the thread ends next). */
  failed(): void;
}

const NOTHING: RankDiagnosticsSession = { finished: () => undefined, failed: () => undefined };

export function startRankDiagnostics(runtime: RankRuntime, jobId: number, request: DiagnosticsRequest | undefined): RankDiagnosticsSession {
  if (request?.collectiveChecks === false) uncheckCollectives(runtime);
  if (!request?.leftovers) runtime.requests.stopTracking();
  if (request === undefined || (!request.trace && !request.leftovers)) return NOTHING;
  const stopTracing = request.trace ? startTracing(jobId, runtime.rank, runtime.originMs, request.traceInternals) : null;
  return {
    finished(): RankDiagnostics {
      const trace = stopTracing?.();
      if (!request.leftovers) return { trace };
      return { trace, leftovers: rankLeftovers(runtime.rank, runtime.engine, runtime.requests), contexts: contextNames(runtime.engine) };
    },
    failed(): void {
      if (stopTracing !== null) postFailedRankTrace(jobId, runtime.rank, stopTracing());
    },
  };
}
