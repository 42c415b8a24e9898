/**
 * A new communicator over some of a parent's ranks, in a given order (Comm.Create with a group,
 * Create_cart): collective over the parent, which agrees on one new context; the ranks outside the
 * subset get null, as MPI_COMM_NULL.
 */
import { enterCollective } from '../../diagnostics/collective-ledger.js';
import { CommState } from '../../runtime/comm-state.js';
import { agreeOnContext } from '../../runtime/context-agreement.js';

export function createSubset(parent: CommState, call: string, worldRanks: Int32Array, name: string): CommState | null {
  enterCollective(parent, { name: call });
  const ctx = agreeOnContext(parent);
  if (!worldRanks.includes(parent.runtime.rank)) return null;
  return new CommState(parent.runtime, worldRanks, ctx, name);
}
