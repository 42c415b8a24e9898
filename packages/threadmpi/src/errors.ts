/**
 * Every error threadmpi raises is built here, so messages stay consistent (as piscina's errors.ts).
 */
import type { Leftover } from './diagnostics/types.js';

/** The MPI error classes of the contract (section 6). */
export type ErrorClass =
  | 'ERR_RANK' | 'ERR_TAG' | 'ERR_ROOT' | 'ERR_COUNT' | 'ERR_TYPE' | 'ERR_TRUNCATE' | 'ERR_OP'
  | 'ERR_COMM' | 'ERR_ARG' | 'ERR_REQUEST' | 'ERR_RMA_RANGE' | 'ERR_RMA_SYNC' | 'ERR_COLL_MISMATCH'
  | 'ERR_WIN' | 'ERR_ABORTED' | 'ERR_OTHER';

/** An MPI call failed in this rank. `errorClass` says which kind of mistake it was. */
export class MPIError extends Error {
  override readonly name = 'MPIError';
  constructor(readonly errorClass: ErrorClass, message: string) {
    super(`${errorClass}: ${message}`);
  }
}

/** What a failed rank reported: its error's name, message and stack, as plain data. */
export interface RankFailure {
  name: string;
  message: string;
  stack?: string;
  errorClass?: ErrorClass;
}

/** A rank of an `mpirun` job threw, or called `Abort`. */
export class MPIJobError extends Error {
  override readonly name = 'MPIJobError';
  constructor(
    /** The failing (or aborting) rank. */
    readonly rank: number,
    /** The rank's original error. */
    override readonly cause: RankFailure,
    /** The `Abort` code, or 1 when the rank threw. */
    readonly code = 1,
  ) {
    super(`rank ${rank} failed: ${cause.message}`);
  }
}

/** One rank's part in a deadlock: the call it is blocked in and whom it waits for. */
export interface BlockedRank {
  rank: number;
  /** The blocked call with its arguments, e.g. `recv(source=1, tag=7, comm=WORLD)`. */
  call: string;
  /** Where in the user's program the call was made (`prog.ts:12:5`), when known. */
  location?: string;
  /** World ranks this rank waits for; `any` lists the candidates of an ANY_SOURCE wait. */
  waitsFor: { kind: 'rank' | 'any' | 'none'; ranks: number[] };
  /** Messages that reached this rank but match none of its receives (a tag or communicator mix-up?). */
  unreceived?: UnreceivedMessage[];
}

/** A message waiting at a rank that has not received it: from `source` (world rank), with `tag`. */
export interface UnreceivedMessage {
  source: number;
  tag: number;
  comm: string;
  bytes: number;
}

/** The wait-for graph of a deadlocked job. */
export interface DeadlockGraph {
  blocked: BlockedRank[];
  finished: number[];
  /** A cycle of ranks (first repeated at the end), when one exists. */
  cycle: number[];
}

/** Every unfinished rank is blocked in a call that no other rank can satisfy. */
export class DeadlockError extends Error {
  override readonly name = 'DeadlockError';
  constructor(readonly report: string, readonly graph: DeadlockGraph) {
    super(`deadlock detected\n${report}`);
  }
}

/** A job finished, but left requests incomplete, messages unreceived or objects unfreed (`leftovers: 'error'`). */
export class LeftoversError extends Error {
  override readonly name = 'LeftoversError';
  constructor(readonly leftovers: readonly Leftover[]) {
    super(`the job finished but left ${leftovers.length} thing${leftovers.length === 1 ? '' : 's'} behind:\n${leftovers.map((l) => l.text).join('\n')}`);
  }
}

/** The job ran longer than `timeoutMs`. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`job did not finish within ${timeoutMs} ms; every rank was stopped`);
  }
}

export function mpiError(errorClass: ErrorClass, message: string): MPIError {
  return new MPIError(errorClass, message);
}

/** Plain-data form of any thrown value, for crossing from a rank to the launcher. */
export function toRankFailure(error: unknown): RankFailure {
  if (error instanceof Error) {
    const failure: RankFailure = { name: error.name, message: error.message, stack: error.stack };
    const errorClass = (error as Partial<MPIError>).errorClass;
    if (errorClass !== undefined) failure.errorClass = errorClass;
    return failure;
  }
  return { name: 'Error', message: String(error) };
}
