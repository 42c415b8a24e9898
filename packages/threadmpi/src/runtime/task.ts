/**
 * What the launcher sends a worker to run one rank, and what comes back. Plain data: it crosses
 * the thread boundary by structured clone (the SharedArrayBuffer is shared, not copied).
 */
import type { JobShape } from '../transport/layout.js';
import type { DiagnosticsRequest, RankDiagnostics } from '../diagnostics/types.js';

export interface RankTask {
  readonly jobId: number;
  readonly rank: number;
  readonly sab: SharedArrayBuffer;
  readonly shape: JobShape;
  readonly eagerLimit: number;
  readonly originMs: number;
  /** The program's module URL (file: URL string). */
  readonly module: string;
  /** What to import instead of `module`: the CLI's compile of a TypeScript program, an ES module
   *  whose inline source map names the program's files. */
  readonly compiled: string | undefined;
  /** `program`: import the module, whose top-level code is the rank's program (CLI).
   *  `function`: call an export of it as fn(COMM_WORLD, ...args) (mpirun). */
  readonly mode: 'program' | 'function';
  /** Export to call in function mode; undefined means the default export. */
  readonly fn: string | undefined;
  readonly args: readonly unknown[];
  /** Program arguments: `process.argv.slice(2)` inside the rank. */
  readonly argv: readonly string[];
  readonly tagOutput: boolean;
  /** Trace and leftovers collection (diagnostics/); absent means none. */
  readonly diagnostics?: DiagnosticsRequest;
}

/** A finished rank's return value. A failed rank ends its thread instead (see worker.ts). */
export type RankOutcome = { readonly ok: true; readonly value: unknown; readonly diagnostics?: RankDiagnostics };
