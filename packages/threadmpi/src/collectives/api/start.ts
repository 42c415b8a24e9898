/**
 * The last step of every public collective call: choosing the algorithm, and handing the
 * schedule to the blocking driver or wrapping it in a Request.
 */
import { Request } from '../../Request.js';
import { enterCollective, type CollectiveSignature } from '../../diagnostics/collective-ledger.js';
import type { DtypeCode } from '../../protocol/dtypes.js';
import type { CommState } from '../../runtime/comm-state.js';
import { Exchange, type Schedule } from '../exchange.js';
import type { AlgorithmOf, Collective } from '../registry.js';
import { CollectiveRun, runBlocking, type Labelled } from '../run.js';
import { selectEntry } from '../select.js';
import { collectiveState } from '../state.js';

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
  /** Names the call in reports, e.g. `Bcast(root=0, comm=WORLD)`; the text is built only when a report needs it. */
  readonly call: Labelled;
  readonly schedule: Schedule<unknown>;
  readonly finish: ((result: never) => R) | null;
}

/** The planned call of Exchange `c`; it names itself from its signature unless `call` says otherwise. */
export function planned<S, R = S>(c: Exchange, schedule: Schedule<S>, finish: ((result: S) => R) | null = null, call: Labelled = c): Planned<R> {
  return { comm: c.comm, call, schedule, finish: finish as ((result: never) => R) | null };
}

export function blocking<R>(p: Planned<R>): R {
  return runBlocking(p.comm, p.schedule, p.call, p.finish) as R;
}

export function nonblocking(p: Planned<unknown>): Request {
  return new Request(new CollectiveRun(p.comm, p.schedule, p.call, true, p.finish));
}

/**
 * Enter a collective: record its signature in the mismatch ledger (so ranks that disagree fail at
 * once with ERR_COLL_MISMATCH), then open its Exchange. Every collective does this after checking
 * its arguments and before its first message.
 */
export function begin(comm: CommState, signature: CollectiveSignature, code: DtypeCode, elementBytes: number): Exchange {
  enterCollective(comm, signature);
  return new Exchange(comm, collectiveState(comm), signature, code, elementBytes);
}

/** The algorithm selection picks for call `c` (select.ts), with the job's overrides. */
export function choose<C extends Collective>(c: Exchange, collective: C, bytes: number, commutative: boolean, values: boolean): AlgorithmOf<C> {
  return selectEntry({ collective, commSize: c.size, bytes, commutative, values }, c.state.overrides).run as AlgorithmOf<C>;
}
