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

/** A collective call, checked and ready to run. */
export interface Planned<R> {
  readonly comm: CommState;
  readonly label: string;
  readonly schedule: Schedule<R>;
}

export function blocking<R>(p: Planned<R>): R {
  return runBlocking(p.comm, p.schedule, p.label);
}

export function nonblocking(p: Planned<unknown>): Request {
  return new Request(new CollectiveRun(p.comm, p.schedule, p.label, true));
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
