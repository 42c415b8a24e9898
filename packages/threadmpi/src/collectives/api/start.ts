/**
 * The last step of every public collective call: choosing the algorithm, and handing the
 * schedule to the blocking driver or wrapping it in a Request.
 */
import { Request } from '../../Request.js';
import { enterCollective, type CollectiveSignature } from '../../diagnostics/collective-ledger.js';
import type { DtypeCode } from '../../protocol/dtypes.js';
import type { CommState } from '../../runtime/comm-state.js';
import { overridesFor } from '../config.js';
import { Exchange, type Schedule } from '../exchange.js';
import { findAlgorithm, type AlgorithmOf, type Collective } from '../registry.js';
import { CollectiveRun, runBlocking } from '../run.js';
import { selectAlgorithm } from '../select.js';

/**
 * A collective call, checked and ready to run: the algorithm's schedule, and `finish`, which turns
 * its result into the call's (delivering into the user's layout, decoding values).
 *
 * `finish` is a plain callback rather than a generator wrapping the schedule: V8 makes a generator
 * closure created per call cost microseconds (and garbage that outlives scavenges), more than a
 * whole short collective. Build one with `planned`.
 */
export interface Planned<R> {
  readonly comm: CommState;
  /** The call with its arguments, e.g. `Bcast(root=0, comm=WORLD)`; built only when a report needs it. */
  readonly label: () => string;
  readonly schedule: Schedule<unknown>;
  readonly finish: ((result: never) => R) | null;
}

export function planned<S, R = S>(comm: CommState, label: () => string, schedule: Schedule<S>, finish: ((result: S) => R) | null = null): Planned<R> {
  return { comm, label, schedule, finish: finish as ((result: never) => R) | null };
}

export function blocking<R>(p: Planned<R>): R {
  return runBlocking(p.comm, p.schedule, p.label, p.finish) as R;
}

export function nonblocking(p: Planned<unknown>): Request {
  return new Request(new CollectiveRun(p.comm, p.schedule, p.label, true, p.finish));
}

/**
 * Enter a collective: record its signature in the mismatch ledger (so ranks that disagree fail at
 * once with ERR_COLL_MISMATCH), then open its Exchange. Every collective does this after checking
 * its arguments and before its first message.
 */
export function begin(comm: CommState, signature: CollectiveSignature, code: DtypeCode, elementBytes: number): Exchange {
  enterCollective(comm, signature);
  return new Exchange(comm, signature.name, code, elementBytes);
}

export function choose<C extends Collective>(
  comm: CommState, collective: C, bytes: number, commutative: boolean, values: boolean,
): AlgorithmOf<C> {
  const name = selectAlgorithm({ collective, commSize: comm.size, bytes, commutative, values }, overridesFor(comm.runtime));
  return findAlgorithm(collective, name)!.run;
}
