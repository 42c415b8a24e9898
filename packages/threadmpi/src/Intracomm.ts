/**
 * Intra-communicators (mpi4py's Intracomm): a Comm plus the collective operations and the
 * constructors of new communicators (Split, Create, Create_cart). COMM_WORLD, COMM_SELF and every
 * communicator derived from them are Intracomms.
 *
 * Every collective exists in the forms mpi4py has: lowercase for values, capitalised for typed
 * arrays, and an `I`-prefixed nonblocking twin of each returning an awaitable Request. A blocking
 * call and its nonblocking twin run the same planned schedule (collectives/api/*), so they cannot
 * differ in behaviour; they differ only in who drives it.
 */
import { Comm } from './Comm.js';
import type { InPlace } from './constants.js';
import { Group } from './Group.js';
import { SUM, type Op } from './Op.js';
import type { BufferSpec } from './protocol/buffers.js';
import type { Request } from './Request.js';
import type { CommState } from './runtime/comm-state.js';
import type { Cartcomm } from './Cartcomm.js';
import {
  allgatherPlan, allgathervPlan, alltoallPlan, alltoallvPlan, barrierPlan, bcastPlan, gatherPlan, gathervPlan,
  scatterPlan, scattervPlan, type VectorSpec,
} from './collectives/api/movement.js';
import { allreducePlan, reducePlan, reduceScatterBlockPlan, reduceScatterPlan, scanPlan } from './collectives/api/reductions.js';
import { blocking, nonblocking } from './collectives/api/start.js';
import { allreduceNow, barrierNow, reduceNow } from './collectives/shm/immediate.js';
import {
  allgatherValuePlan, allreduceValuePlan, alltoallValuePlan, bcastValuePlan, gatherValuePlan, reduceValuePlan,
  scanValuePlan, scatterValuePlan,
} from './collectives/api/values.js';
import { splitPlan } from './collectives/comm/split.js';
import { createSubset } from './collectives/comm/subset.js';
import { mpiError } from './errors.js';

type CartFactory = (state: CommState, dims: readonly number[], periods: readonly boolean[]) => Cartcomm;
type CartCheck = (dims: readonly number[], periods: readonly boolean[] | undefined, size: number, comm: string) => number;

/** Set by Cartcomm.ts, which extends this class and so cannot be imported from here (a module cycle). */
let cartcomm: { make: CartFactory; check: CartCheck } | null = null;

/** @internal */
export function registerCartcomm(make: CartFactory, check: CartCheck): void {
  cartcomm = { make, check };
}

export class Intracomm extends Comm {
  // ------------------------------------------------------------ values, blocking

  barrier(): void {
    blocking(barrierPlan(this.state, 'barrier'));
  }
  bcast(obj: unknown, root = 0): unknown {
    return blocking(bcastValuePlan(this.state, 'bcast', obj, root));
  }
  scatter(values: unknown[] | null, root = 0): unknown {
    return blocking(scatterValuePlan(this.state, 'scatter', values, root));
  }
  gather(obj: unknown, root = 0): unknown[] | null {
    return blocking(gatherValuePlan(this.state, 'gather', obj, root));
  }
  allgather(obj: unknown): unknown[] {
    return blocking(allgatherValuePlan(this.state, 'allgather', obj));
  }
  alltoall(values: unknown[]): unknown[] {
    return blocking(alltoallValuePlan(this.state, 'alltoall', values));
  }
  reduce(obj: unknown, op: Op = SUM, root = 0): unknown {
    return blocking(reduceValuePlan(this.state, 'reduce', obj, op, root));
  }
  allreduce(obj: unknown, op: Op = SUM): unknown {
    return blocking(allreduceValuePlan(this.state, 'allreduce', obj, op));
  }
  scan(obj: unknown, op: Op = SUM): unknown {
    return blocking(scanValuePlan(this.state, 'scan', obj, op, false));
  }
  exscan(obj: unknown, op: Op = SUM): unknown {
    return blocking(scanValuePlan(this.state, 'exscan', obj, op, true));
  }

  // --------------------------------------------------------- values, nonblocking

  ibarrier(): Request {
    return nonblocking(barrierPlan(this.state, 'ibarrier'));
  }
  ibcast(obj: unknown, root = 0): Request {
    return nonblocking(bcastValuePlan(this.state, 'ibcast', obj, root));
  }
  iscatter(values: unknown[] | null, root = 0): Request {
    return nonblocking(scatterValuePlan(this.state, 'iscatter', values, root));
  }
  igather(obj: unknown, root = 0): Request {
    return nonblocking(gatherValuePlan(this.state, 'igather', obj, root));
  }
  iallgather(obj: unknown): Request {
    return nonblocking(allgatherValuePlan(this.state, 'iallgather', obj));
  }
  ialltoall(values: unknown[]): Request {
    return nonblocking(alltoallValuePlan(this.state, 'ialltoall', values));
  }
  ireduce(obj: unknown, op: Op = SUM, root = 0): Request {
    return nonblocking(reduceValuePlan(this.state, 'ireduce', obj, op, root));
  }
  iallreduce(obj: unknown, op: Op = SUM): Request {
    return nonblocking(allreduceValuePlan(this.state, 'iallreduce', obj, op));
  }
  iscan(obj: unknown, op: Op = SUM): Request {
    return nonblocking(scanValuePlan(this.state, 'iscan', obj, op, false));
  }
  iexscan(obj: unknown, op: Op = SUM): Request {
    return nonblocking(scanValuePlan(this.state, 'iexscan', obj, op, true));
  }

  // ------------------------------------------------------ typed arrays, blocking

  Barrier(): void {
    if (!barrierNow(this.state, 'Barrier')) blocking(barrierPlan(this.state, 'Barrier'));
  }
  Bcast(buf: BufferSpec, root = 0): void {
    blocking(bcastPlan(this.state, 'Bcast', buf, root));
  }
  Scatter(sendbuf: BufferSpec | null, recvbuf: BufferSpec | InPlace, root = 0): void {
    blocking(scatterPlan(this.state, 'Scatter', sendbuf, recvbuf, root));
  }
  Scatterv(sendspec: VectorSpec | null, recvbuf: BufferSpec | InPlace, root = 0): void {
    blocking(scattervPlan(this.state, 'Scatterv', sendspec, recvbuf, root));
  }
  Gather(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec | null, root = 0): void {
    blocking(gatherPlan(this.state, 'Gather', sendbuf, recvbuf, root));
  }
  Gatherv(sendbuf: BufferSpec | InPlace, recvspec: VectorSpec | null, root = 0): void {
    blocking(gathervPlan(this.state, 'Gatherv', sendbuf, recvspec, root));
  }
  Allgather(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec): void {
    blocking(allgatherPlan(this.state, 'Allgather', sendbuf, recvbuf));
  }
  Allgatherv(sendbuf: BufferSpec | InPlace, recvspec: VectorSpec): void {
    blocking(allgathervPlan(this.state, 'Allgatherv', sendbuf, recvspec));
  }
  Alltoall(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec): void {
    blocking(alltoallPlan(this.state, 'Alltoall', sendbuf, recvbuf));
  }
  Alltoallv(sendspec: VectorSpec | InPlace, recvspec: VectorSpec): void {
    blocking(alltoallvPlan(this.state, 'Alltoallv', sendspec, recvspec));
  }
  Reduce(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec | null, op: Op = SUM, root = 0): void {
    if (!reduceNow(this.state, 'Reduce', sendbuf, recvbuf, op, root)) blocking(reducePlan(this.state, 'Reduce', sendbuf, recvbuf, op, root));
  }
  Allreduce(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): void {
    if (!allreduceNow(this.state, 'Allreduce', sendbuf, recvbuf, op)) blocking(allreducePlan(this.state, 'Allreduce', sendbuf, recvbuf, op));
  }
  Reduce_scatter_block(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): void {
    blocking(reduceScatterBlockPlan(this.state, 'Reduce_scatter_block', sendbuf, recvbuf, op));
  }
  Reduce_scatter(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, counts: ArrayLike<number>, op: Op = SUM): void {
    blocking(reduceScatterPlan(this.state, 'Reduce_scatter', sendbuf, recvbuf, counts, op));
  }
  Scan(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): void {
    blocking(scanPlan(this.state, 'Scan', sendbuf, recvbuf, op, false));
  }
  Exscan(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): void {
    blocking(scanPlan(this.state, 'Exscan', sendbuf, recvbuf, op, true));
  }

  // --------------------------------------------------- typed arrays, nonblocking

  Ibarrier(): Request {
    return nonblocking(barrierPlan(this.state, 'Ibarrier'));
  }
  Ibcast(buf: BufferSpec, root = 0): Request {
    return nonblocking(bcastPlan(this.state, 'Ibcast', buf, root));
  }
  Iscatter(sendbuf: BufferSpec | null, recvbuf: BufferSpec | InPlace, root = 0): Request {
    return nonblocking(scatterPlan(this.state, 'Iscatter', sendbuf, recvbuf, root));
  }
  Iscatterv(sendspec: VectorSpec | null, recvbuf: BufferSpec | InPlace, root = 0): Request {
    return nonblocking(scattervPlan(this.state, 'Iscatterv', sendspec, recvbuf, root));
  }
  Igather(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec | null, root = 0): Request {
    return nonblocking(gatherPlan(this.state, 'Igather', sendbuf, recvbuf, root));
  }
  Igatherv(sendbuf: BufferSpec | InPlace, recvspec: VectorSpec | null, root = 0): Request {
    return nonblocking(gathervPlan(this.state, 'Igatherv', sendbuf, recvspec, root));
  }
  Iallgather(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec): Request {
    return nonblocking(allgatherPlan(this.state, 'Iallgather', sendbuf, recvbuf));
  }
  Iallgatherv(sendbuf: BufferSpec | InPlace, recvspec: VectorSpec): Request {
    return nonblocking(allgathervPlan(this.state, 'Iallgatherv', sendbuf, recvspec));
  }
  Ialltoall(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec): Request {
    return nonblocking(alltoallPlan(this.state, 'Ialltoall', sendbuf, recvbuf));
  }
  Ialltoallv(sendspec: VectorSpec | InPlace, recvspec: VectorSpec): Request {
    return nonblocking(alltoallvPlan(this.state, 'Ialltoallv', sendspec, recvspec));
  }
  Ireduce(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec | null, op: Op = SUM, root = 0): Request {
    return nonblocking(reducePlan(this.state, 'Ireduce', sendbuf, recvbuf, op, root));
  }
  Iallreduce(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): Request {
    return nonblocking(allreducePlan(this.state, 'Iallreduce', sendbuf, recvbuf, op));
  }
  Ireduce_scatter_block(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): Request {
    return nonblocking(reduceScatterBlockPlan(this.state, 'Ireduce_scatter_block', sendbuf, recvbuf, op));
  }
  Ireduce_scatter(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, counts: ArrayLike<number>, op: Op = SUM): Request {
    return nonblocking(reduceScatterPlan(this.state, 'Ireduce_scatter', sendbuf, recvbuf, counts, op));
  }
  Iscan(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): Request {
    return nonblocking(scanPlan(this.state, 'Iscan', sendbuf, recvbuf, op, false));
  }
  Iexscan(sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op = SUM): Request {
    return nonblocking(scanPlan(this.state, 'Iexscan', sendbuf, recvbuf, op, true));
  }

  // ------------------------------------------------------ groups and communicators

  /** This communicator's group. */
  Get_group(): Group {
    const s = this.state.check('Get_group');
    return new Group(s.group, s.runtime.rank);
  }

  /**
   * Partition the communicator by `color` (collective): ranks passing the same color form a new
   * communicator, ordered by `key`, then by their rank here. UNDEFINED as color returns null.
   */
  Split(color: number, key = 0): Intracomm | null {
    const state = blocking(splitPlan(this.state, 'Split', color, key));
    return state === null ? null : new Intracomm(state);
  }

  /** A communicator of the members of `group`, a subset of this one's (collective); null elsewhere. */
  Create(group: Group): Intracomm | null {
    const s = this.state.check('Create');
    if (!(group instanceof Group)) throw mpiError('ERR_ARG', `Create: expected a Group, got ${typeof group}`);
    const members = new Set(s.group);
    const outside = Array.from(group.worldRanks).filter((w) => !members.has(w));
    if (outside.length > 0) throw mpiError('ERR_ARG', `Create: the group must be a subset of ${s.name}'s group; world ranks ${outside.join(', ')} are not members`);
    const state = createSubset(s, 'Create', group.worldRanks, `${s.name}.create`);
    return state === null ? null : new Intracomm(state);
  }

  /**
   * A Cartesian grid over the first dims[0] x dims[1] x ... ranks (collective); the other ranks get
   * null. `reorder` is accepted for MPI compatibility; ranks keep their order.
   */
  Create_cart(dims: readonly number[], periods?: readonly boolean[], reorder = false): Cartcomm | null {
    const s = this.state.check('Create_cart');
    const n = cartcomm!.check(dims, periods, s.size, s.name);
    const state = createSubset(s, 'Create_cart', s.group.slice(0, n), `${s.name}.cart`);
    return state === null ? null : cartcomm!.make(state, dims, periods ?? dims.map(() => false));
  }
}
