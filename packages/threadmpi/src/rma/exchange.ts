/**
 * The two tiny collectives window creation needs, over point-to-point value messages on the
 * window's own (duplicated) communicator, so the traffic can never match a user's receive.
 * Value messages carry SharedArrayBuffers by reference, which is what makes a window: every
 * rank ends up mapping the very memory the others allocated.
 *
 * Sends are nonblocking and completed after the receives, so the exchange cannot deadlock even
 * when every send is synchronous (eagerLimit 0).
 */
import type { Comm } from '../Comm.js';
import { Request } from '../Request.js';

/** Tag of window-creation messages (the communicator carries nothing else). */
const EXCHANGE_TAG = 1;

/** Every rank's `mine`, indexed by rank. */
export function allgatherOverP2p<T>(comm: Comm, mine: T): T[] {
  const all = new Array<T>(comm.size);
  all[comm.rank] = mine;
  const sends: Request[] = [];
  for (let r = 0; r < comm.size; r++) if (r !== comm.rank) sends.push(comm.isend(mine, r, EXCHANGE_TAG));
  for (let r = 0; r < comm.size; r++) if (r !== comm.rank) all[r] = comm.recv(r, EXCHANGE_TAG) as T;
  Request.waitall(sends);
  return all;
}

/** Rank `root`'s value on every rank; `value` is only read at the root. */
export function bcastOverP2p<T>(comm: Comm, value: T | null, root: number): T {
  if (comm.rank !== root) return comm.recv(root, EXCHANGE_TAG) as T;
  const sends: Request[] = [];
  for (let r = 0; r < comm.size; r++) if (r !== root) sends.push(comm.isend(value, r, EXCHANGE_TAG));
  Request.waitall(sends);
  return value as T;
}
