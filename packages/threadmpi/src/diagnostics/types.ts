/**
 * The plain data that diagnostics carry between the launcher and the ranks (inside RankTask and
 * RankOutcome, by structured clone).
 */

/** What to do with what a successful job leaves behind: report it, fail the job, or say nothing. */
export type LeftoversMode = 'warn' | 'error' | 'ignore';

/** What the launcher asks every rank to collect for it. */
export interface DiagnosticsRequest {
  /** Record a trace of every MPI call and message. */
  readonly trace: boolean;
  /** In the trace, also the messages inside collectives and window calls. */
  readonly traceInternals: boolean;
  /** List what the rank leaves behind when it returns. */
  readonly leftovers: boolean;
  /** Compare every collective's signature across ranks (diagnostics/collective-ledger.ts). */
  readonly collectiveChecks: boolean;
}

/** Something a job left behind: a request never completed, a message never received, an object never freed. */
export interface Leftover {
  readonly kind: 'request' | 'message' | 'communicator' | 'window';
  /** The rank that holds it (the receiver, for a message). */
  readonly rank: number;
  /** One line for the report, e.g. `rank 0: irecv(source=1, tag=5, comm=WORLD) was never completed`. */
  readonly text: string;
}

/** A Chrome Trace Event (the JSON trace format that Perfetto and chrome://tracing read). */
export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  /** X: complete slice; s/f: flow start/finish; M: metadata. */
  readonly ph: 'X' | 's' | 'f' | 'M';
  /** Microseconds since the job's origin (Wtime() * 1e6). */
  readonly ts: number;
  readonly dur?: number;
  /** The job. */
  readonly pid: number;
  /** The rank. */
  readonly tid: number;
  /** Flow events: names the message, the same on both sides. */
  readonly id?: number;
  /** Flow finish binds to the slice that encloses it (the receiving call). */
  readonly bp?: 'e';
  readonly args?: Record<string, unknown>;
}

/** What a rank hands back with its outcome. */
export interface RankDiagnostics {
  readonly trace?: TraceEvent[];
  readonly leftovers?: Leftover[];
  /** Context id -> communicator name, to name messages the launcher finds unread in the rings. */
  readonly contexts?: Array<[number, string]>;
}
