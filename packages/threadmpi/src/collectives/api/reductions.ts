/**
 * The typed-array collectives that combine data with an operation: Reduce, Allreduce,
 * Reduce_scatter_block, Reduce_scatter, Scan and Exscan.
 *
 * The operation is checked against the element type here (bitwise operations on floats raise
 * ERR_OP), in every rank, before anything is sent. Results are built in the receive buffer when the
 * algorithm allows, and copied there otherwise.
 */
import type { InPlace } from '../../constants.js';
import { checkOp, type Op } from '../../Op.js';
import type { BufferSpec } from '../../protocol/buffers.js';
import type { CommState } from '../../runtime/comm-state.js';
import { IN_TARGET, TypedReduction } from '../reduction.js';
import { evenPartition, type Partition } from '../ring.js';
import {
  blockCount, checkCountList, checkRoot, collBuffer, expectCount, isInPlace, required, rootOnlyInPlace, sameType, type CollBuffer,
} from './buffers.js';
import { begin, choose, planned, type Planned } from './start.js';

/** sendbuf (or IN_PLACE: recvbuf) and recvbuf of the same type and count. */
function operands(call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, op: Op): { send: CollBuffer; recv: CollBuffer } {
  const inPlace = isInPlace(sendbuf);
  const recv = collBuffer(recvbuf, inPlace ? 'update' : 'write', `${call} recvbuf`);
  const send = inPlace ? recv : collBuffer(sendbuf, 'read', `${call} sendbuf`);
  if (!inPlace) {
    sameType(send, recv, call, 'sendbuf and recvbuf');
    expectCount(recv.count, send.count, call, 'recvbuf (as many as sendbuf)');
  }
  op.checkTyped(send.code, send.array, send.count, call);
  return { send, recv };
}

export function reducePlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec | null, opArg: Op, root: number): Planned<void> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  if (isInPlace(sendbuf)) rootOnlyInPlace(isRoot, call, 'sendbuf');
  let send: CollBuffer;
  let recv: CollBuffer | null = null;
  if (isRoot) {
    ({ send, recv } = operands(call, sendbuf, required(recvbuf, call, 'recvbuf at the root'), op));
  } else {
    send = collBuffer(required(sendbuf as BufferSpec, call, 'sendbuf'), 'read', `${call} sendbuf`);
    op.checkTyped(send.code, send.array, send.count, call);
  }
  const r = new TypedReduction(op, send.code, send, recv, reductionUnit(op, send));
  const c = begin(s, { name: call, root, op: op.name, count: send.count, dtype: send.code }, send.code, send.elementBytes);
  const run = choose(c, 'reduce', send.count * send.elementBytes, op.commutative, false);
  return planned(c, run(c, r, root), (result) => {
    if (recv !== null) deliver(result!, recv);
  });
}

export function allreducePlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, opArg: Op): Planned<void> {
  return everyRankPlan(comm, call, 'allreduce', sendbuf, recvbuf, opArg);
}

export function scanPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, opArg: Op, exclusive: boolean): Planned<void> {
  return everyRankPlan(comm, call, exclusive ? 'exscan' : 'scan', sendbuf, recvbuf, opArg);
}

/** Allreduce, Scan and Exscan: every rank contributes a vector and receives one (Exscan: not rank 0). */
function everyRankPlan(
  comm: CommState, call: string, collective: 'allreduce' | 'scan' | 'exscan', sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, opArg: Op,
): Planned<void> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  const { send, recv } = operands(call, sendbuf, recvbuf, op);
  const r = new TypedReduction(op, send.code, send, recv, reductionUnit(op, send));
  const c = begin(s, { name: call, op: op.name, count: send.count, dtype: send.code }, send.code, send.elementBytes);
  const run = choose(c, collective, send.count * send.elementBytes, op.commutative, false);
  return planned(c, run(c, r), (result) => {
    // Exscan leaves rank 0's buffer as it was.
    if (result !== null) deliver(result, recv);
  });
}

export function reduceScatterBlockPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, opArg: Op): Planned<void> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  const inPlace = isInPlace(sendbuf);
  const recv = collBuffer(recvbuf, inPlace ? 'update' : 'write', `${call} recvbuf`);
  const send = inPlace ? recv : collBuffer(sendbuf, 'read', `${call} sendbuf`);
  // In place, recvbuf holds all size x count inputs and the result is its first block.
  const block = inPlace ? blockCount(recv.count, s.size, call, 'recvbuf') : recv.count;
  if (!inPlace) {
    sameType(send, recv, call, 'sendbuf and recvbuf');
    expectCount(send.count, s.size * block, call, `sendbuf (size x recvcount = ${s.size} x ${block})`);
  }
  op.checkTyped(send.code, send.array, send.count, call);
  const partition = evenPartition(s.size * block, send.elementBytes, s.size);
  return scatterReduction(s, call, 'reduce_scatter_block', op, send, recv, partition);
}

export function reduceScatterPlan(
  comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec, counts: ArrayLike<number>, opArg: Op,
): Planned<void> {
  const s = comm.check(call);
  const op = checkOp(opArg, call);
  const inPlace = isInPlace(sendbuf);
  const recv = collBuffer(recvbuf, inPlace ? 'update' : 'write', `${call} recvbuf`);
  // Counts are in items of recvbuf's datatype, as in MPI (elements, without one).
  const n = checkCountList(counts, s.size, `${call} counts`).map((k) => k * recv.unit);
  const total = n.reduce((a, b) => a + b, 0);
  const send = inPlace ? recv : collBuffer(sendbuf, 'read', `${call} sendbuf`);
  if (inPlace) {
    expectCount(recv.count, total, call, 'recvbuf (IN_PLACE: the sum of counts)');
  } else {
    sameType(send, recv, call, 'sendbuf and recvbuf');
    expectCount(send.count, total, call, 'sendbuf (the sum of counts)');
    expectCount(recv.count, n[s.rank]!, call, `recvbuf (counts[${s.rank}])`);
  }
  op.checkTyped(send.code, send.array, send.count, call);
  const eb = send.elementBytes;
  let at = 0;
  const partition: Partition = {
    offsets: n.map((k) => ((at += k * eb), at - k * eb)),
    lengths: n.map((k) => k * eb),
  };
  return scatterReduction(s, call, 'reduce_scatter', op, send, recv, partition);
}

function scatterReduction(
  s: CommState, call: string, collective: 'reduce_scatter' | 'reduce_scatter_block', op: Op,
  send: CollBuffer, recv: CollBuffer, partition: Partition,
): Planned<void> {
  // No result target: the whole vector is reduced in scratch, and only this rank's block is delivered.
  const r = new TypedReduction(op, send.code, send, null, reductionUnit(op, send));
  // Every rank must agree on the whole vector's length.
  const c = begin(s, { name: call, op: op.name, count: send.bytes.length / send.elementBytes, dtype: send.code }, send.code, send.elementBytes);
  const run = choose(c, collective, send.count * send.elementBytes, op.commutative, false);
  return planned(c, run(c, r, partition), (mine) => {
    recv.bytes.set(mine);
    recv.commit();
  });
}

/** What a block-cutting algorithm must keep together: the op's pairs and the datatype's items. */
function reductionUnit(op: Op, buffer: CollBuffer): number {
  const a = op.unit;
  const b = buffer.unit;
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return (a * b) / x;
}

function deliver(result: Uint8Array, recv: CollBuffer): void {
  if (result !== IN_TARGET && result !== recv.bytes) recv.bytes.set(result);
  recv.commit();
}
