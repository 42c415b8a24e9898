/**
 * What kind of MPI call a blocked rank's description names, from the call's name: the deadlock
 * advice depends on whether ranks are stuck sending, receiving, taking a window lock, or inside a
 * collective.
 */

export type CallKind = 'send' | 'recv' | 'sendrecv' | 'lock' | 'collective' | 'other';

const SEND = new Set(['send', 'ssend', 'isend', 'issend', 'send_init', 'ssend_init', 'bsend', 'rsend']);
const RECV = new Set(['recv', 'irecv', 'recv_init', 'probe', 'mprobe']);
const SENDRECV = new Set(['sendrecv', 'sendrecv_replace']);
const LOCK = new Set(['lock', 'lock_all']);
/** MPI's collectives and the communicator constructors, which are collective too. */
const COLLECTIVE = new Set([
  'barrier', 'bcast', 'gather', 'gatherv', 'scatter', 'scatterv', 'allgather', 'allgatherv', 'alltoall',
  'alltoallv', 'alltoallw', 'reduce', 'allreduce', 'reduce_scatter', 'reduce_scatter_block', 'scan', 'exscan',
  'ibarrier', 'ibcast', 'igather', 'igatherv', 'iscatter', 'iscatterv', 'iallgather', 'iallgatherv', 'ialltoall',
  'ialltoallv', 'ialltoallw', 'ireduce', 'iallreduce', 'ireduce_scatter', 'ireduce_scatter_block', 'iscan', 'iexscan',
  'dup', 'split', 'create_cart', 'create', 'fence', 'allocate', 'allocate_shared',
]);

/** The names of every call mentioned in a description, outermost first (`waitall([Isend(...), ...])`). */
function callNames(description: string): string[] {
  return [...description.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\(/g)].map((m) => m[1]!);
}

function kindOfName(name: string): CallKind {
  const n = name.toLowerCase();
  if (SEND.has(n)) return 'send';
  if (RECV.has(n)) return 'recv';
  if (SENDRECV.has(n)) return 'sendrecv';
  if (LOCK.has(n)) return 'lock';
  if (COLLECTIVE.has(n)) return 'collective';
  return 'other';
}

/**
 * The kinds of operation a blocked call waits on: `recv(...)` is one recv, `waitall([Isend(...),
 * Irecv(...)])` is a send and a recv. The wrapper names (wait, waitall, ...) are not operations.
 */
export function kindsOf(description: string): Set<CallKind> {
  const kinds = new Set<CallKind>(callNames(description).map(kindOfName).filter((k) => k !== 'other'));
  return kinds.size > 0 ? kinds : new Set<CallKind>(['other']);
}

/** The first collective named in a description, as written (`Barrier`), if any. */
export function collectiveName(description: string): string | undefined {
  return callNames(description).find((n) => kindOfName(n) === 'collective');
}
