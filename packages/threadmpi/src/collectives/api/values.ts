/**
 * The lowercase collectives: any structured-clone-able value, serialized once by its owner and
 * moved as bytes whose size only the sender knows. Selection only considers algorithms that can
 * receive such blocks (registry flag `values`), and passes bytes = -1 since ranks' sizes differ.
 *
 * As in mpi4py, non-roots of gather/reduce/scatter sources get null and rank 0 of exscan gets
 * null. A rank's own contribution comes back as the very object it passed (no copy).
 */
import { mpiError } from '../../errors.js';
import { checkOp, type Op } from '../../Op.js';
import { describe } from '../../protocol/buffers.js';
import { DtypeCode } from '../../protocol/dtypes.js';
import type { CommState } from '../../runtime/comm-state.js';
import { decodeBlob, encodeBlob } from '../blobs.js';
import { NO_BYTES } from '../exchange.js';
import { ValueReduction } from '../reduction.js';
import type { Blocks } from '../signatures.js';
import { checkRoot } from './buffers.js';
import { begin, choose, planned, type Planned } from './start.js';

/** Values only have to agree on the call, its root and its operation. */
function valueExchange(s: CommState, call: string, root?: number, op?: Op) {
  return begin(s, { name: call, root, op: op?.name }, DtypeCode.UINT8, 1);
}

/** One value per rank, from the root of scatter or any rank of alltoall. */
function perRank(values: unknown, s: CommState, call: string): unknown[] {
  if (!Array.isArray(values) || values.length !== s.size) {
    throw mpiError('ERR_COUNT', `${call}: expected an array of ${s.size} values (one per rank of ${s.name}), got ${describe(values)}`);
  }
  return values;
}

/** Decode every block but this rank's, which is `own` itself. */
function decodeAll(blocks: Blocks, rank: number, own: unknown): unknown[] {
  return blocks.map((b, i) => (i === rank ? own : decodeBlob(b!)));
}

export function bcastValuePlan(comm: CommState, call: string, obj: unknown, root: number): Planned<unknown> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  const data = { bytes: isRoot ? encodeBlob(obj, call) : null };
  const c = valueExchange(s, call, root);
  const run = choose(c, 'bcast', -1, true, true);
  return planned(c, run(c, data, root), () => (isRoot ? obj : decodeBlob(data.bytes!)));
}

export function scatterValuePlan(comm: CommState, call: string, values: unknown, root: number): Planned<unknown> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  const all = isRoot ? perRank(values, s, call) : null;
  const blocks: Blocks = all === null ? new Array<null>(s.size).fill(null) : all.map((v, i) => (i === root ? NO_BYTES : encodeBlob(v, call)));
  const c = valueExchange(s, call, root);
  const run = choose(c, 'scatter', -1, true, true);
  return planned(c, run(c, blocks, root), () => (isRoot ? all![root] : decodeBlob(blocks[s.rank]!)));
}

export function gatherValuePlan(comm: CommState, call: string, obj: unknown, root: number): Planned<unknown[] | null> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  const blocks: Blocks = new Array<null>(s.size).fill(null);
  blocks[s.rank] = isRoot ? NO_BYTES : encodeBlob(obj, call);
  const c = valueExchange(s, call, root);
  const run = choose(c, 'gather', -1, true, true);
  return planned(c, run(c, blocks, root), () => (isRoot ? decodeAll(blocks, root, obj) : null));
}

export function allgatherValuePlan(comm: CommState, call: string, obj: unknown): Planned<unknown[]> {
  const s = comm.check(call);
  const blocks: Blocks = new Array<null>(s.size).fill(null);
  blocks[s.rank] = encodeBlob(obj, call);
  const c = valueExchange(s, call);
  const run = choose(c, 'allgather', -1, true, true);
  return planned(c, run(c, { blocks, uniform: null }), () => decodeAll(blocks, s.rank, obj));
}

export function alltoallValuePlan(comm: CommState, call: string, values: unknown): Planned<unknown[]> {
  const s = comm.check(call);
  const all = perRank(values, s, call);
  const send = all.map((v, i) => (i === s.rank ? NO_BYTES : encodeBlob(v, call)));
  const recv: Blocks = new Array<null>(s.size).fill(null);
  const c = valueExchange(s, call);
  const run = choose(c, 'alltoall', -1, true, true);
  return planned(c, run(c, { send, recv, uniform: false }), () => decodeAll(recv, s.rank, all[s.rank]));
}

export function reduceValuePlan(comm: CommState, call: string, obj: unknown, opArg: Op, root: number): Planned<unknown> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  checkRoot(s, root, call);
  const r = new ValueReduction(op, obj, call);
  const c = valueExchange(s, call, root, op);
  const run = choose(c, 'reduce', -1, op.commutative, true);
  return planned(c, run(c, r, root));
}

export function allreduceValuePlan(comm: CommState, call: string, obj: unknown, opArg: Op): Planned<unknown> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  const r = new ValueReduction(op, obj, call);
  const c = valueExchange(s, call, undefined, op);
  const run = choose(c, 'allreduce', -1, op.commutative, true);
  return planned(c, run(c, r));
}

export function scanValuePlan(comm: CommState, call: string, obj: unknown, opArg: Op, exclusive: boolean): Planned<unknown> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  const r = new ValueReduction(op, obj, call);
  const c = valueExchange(s, call, undefined, op);
  const run = choose(c, exclusive ? 'exscan' : 'scan', -1, op.commutative, true);
  return planned(c, run(c, r));
}
