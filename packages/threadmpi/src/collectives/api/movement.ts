/**
 * The typed-array collectives that move data without combining it: Barrier, Bcast,
 * Scatter(v), Gather(v), Allgather(v), Alltoall(v). Each checks its arguments in the calling rank,
 * lays the buffers out as per-rank blocks, picks an algorithm and returns the planned call.
 *
 * Counts follow MPI with typed arrays standing in for (buffer, count): a block is the sender's
 * count (the receiver's for Scatter), and the buffer holding all ranks' blocks must hold exactly
 * size x block elements. The caller's own block is copied locally, never sent to itself.
 */
import type { InPlace } from '../../constants.js';
import type { BufferSpec } from '../../protocol/buffers.js';
import { DtypeCode } from '../../protocol/dtypes.js';
import type { CommState } from '../../runtime/comm-state.js';
import type { Blocks } from '../signatures.js';
import {
  blockCount, checkRoot, collBuffer, equalBlocks, expectCount, isInPlace, required, rootOnlyInPlace, sameType, vectorBuffer,
  type CollBuffer,
} from './buffers.js';
import { begin, choose, planned, type Planned } from './start.js';

/** Element type and size of a collective's messages. */
type Shape = { code: DtypeCode; elementBytes: number };

/** A [buf, counts, displs?] spec of the v-collectives. */
export type VectorSpec = readonly [BufferSpec, ArrayLike<number>, ArrayLike<number>?];

/** A block list where only this rank's entry is known (non-roots of rooted collectives). */
function onlyMine(comm: CommState, mine: Uint8Array): Blocks {
  const blocks: Blocks = new Array<null>(comm.size).fill(null);
  blocks[comm.rank] = mine;
  return blocks;
}

export function barrierPlan(comm: CommState, call: string): Planned<void> {
  const s = comm.check(call);
  const c = begin(s, { name: call }, DtypeCode.UINT8, 1);
  return planned(c, choose(c, 'barrier', 0, true, false)(c));
}

export function bcastPlan(comm: CommState, call: string, buf: BufferSpec, root: number): Planned<void> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const b = collBuffer(buf, s.rank === root ? 'read' : 'write', `${call} buf`);
  const c = begin(s, { name: call, root, count: b.count, dtype: b.code }, b.code, b.elementBytes);
  const run = choose(c, 'bcast', b.bytes.length, true, false);
  return planned(c, run(c, { bytes: b.bytes }, root), () => b.commit());
}

export function scatterPlan(comm: CommState, call: string, sendbuf: BufferSpec | null, recvbuf: BufferSpec | InPlace, root: number): Planned<void> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  if (isInPlace(recvbuf)) rootOnlyInPlace(isRoot, call, 'recvbuf');
  const recv = isInPlace(recvbuf) ? null : collBuffer(required(recvbuf, call, 'recvbuf'), 'write', `${call} recvbuf`);
  let blocks: Blocks;
  let shape: CollBuffer;
  if (isRoot) {
    const send = collBuffer(required(sendbuf, call, 'sendbuf at the root'), 'read', `${call} sendbuf`);
    const block = recv === null ? blockCount(send.count, s.size, call, 'sendbuf') : recv.count;
    expectCount(send.count, s.size * block, call, `sendbuf at the root (size x recvcount = ${s.size} x ${block})`);
    if (recv !== null) sameType(send, recv, call, 'sendbuf and recvbuf');
    blocks = equalBlocks(send.bytes, s.size);
    shape = send;
  } else {
    shape = recv!;
    blocks = onlyMine(s, shape.bytes);
  }
  const count = isRoot ? shape.count / s.size : shape.count;
  return rootedMove(s, call, 'scatter', shape, blocks, root, recv, count * shape.elementBytes * s.size, count);
}

export function scattervPlan(comm: CommState, call: string, sendspec: VectorSpec | null, recvbuf: BufferSpec | InPlace, root: number): Planned<void> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  if (isInPlace(recvbuf)) rootOnlyInPlace(isRoot, call, 'recvbuf');
  const recv = isInPlace(recvbuf) ? null : collBuffer(required(recvbuf, call, 'recvbuf'), 'write', `${call} recvbuf`);
  let blocks: Blocks;
  let shape: Shape;
  if (isRoot) {
    const send = vectorBuffer(required(sendspec, call, 'sendspec at the root'), s.size, `${call} sendspec`);
    if (recv !== null) {
      sameType(send, recv, call, 'sendspec and recvbuf');
      expectCount(recv.count, send.counts[root]!, call, 'recvbuf at the root (its own count in sendspec)');
    }
    blocks = send.blocks;
    shape = send;
  } else {
    shape = recv!;
    blocks = onlyMine(s, recv!.bytes);
  }
  return rootedMove(s, call, 'scatterv', shape, blocks, root, recv, -1);
}

export function gatherPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec | null, root: number): Planned<void> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  const inPlace = isInPlace(sendbuf);
  if (inPlace) rootOnlyInPlace(isRoot, call, 'sendbuf');
  const send = inPlace ? null : collBuffer(required(sendbuf, call, 'sendbuf'), 'read', `${call} sendbuf`);
  if (!isRoot) return rootedMove(s, call, 'gather', send!, onlyMine(s, send!.bytes), root, null, send!.bytes.length * s.size, send!.count);
  const recv = collBuffer(required(recvbuf, call, 'recvbuf at the root'), inPlace ? 'update' : 'write', `${call} recvbuf`);
  const block = send === null ? blockCount(recv.count, s.size, call, 'recvbuf') : send.count;
  expectCount(recv.count, s.size * block, call, `recvbuf at the root (size x sendcount = ${s.size} x ${block})`);
  if (send !== null) sameType(send, recv, call, 'sendbuf and recvbuf');
  const blocks = equalBlocks(recv.bytes, s.size);
  if (send !== null) blocks[root]!.set(send.bytes);
  return rootedMove(s, call, 'gather', recv, blocks, root, recv, recv.bytes.length, block);
}

export function gathervPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvspec: VectorSpec | null, root: number): Planned<void> {
  const s = comm.check(call);
  checkRoot(s, root, call);
  const isRoot = s.rank === root;
  const inPlace = isInPlace(sendbuf);
  if (inPlace) rootOnlyInPlace(isRoot, call, 'sendbuf');
  const send = inPlace ? null : collBuffer(required(sendbuf, call, 'sendbuf'), 'read', `${call} sendbuf`);
  if (!isRoot) return rootedMove(s, call, 'gatherv', send!, onlyMine(s, send!.bytes), root, null, -1);
  const recv = vectorBuffer(required(recvspec, call, 'recvspec at the root'), s.size, `${call} recvspec`);
  if (send !== null) {
    sameType(send, recv, call, 'sendbuf and recvspec');
    expectCount(send.count, recv.counts[root]!, call, 'sendbuf at the root (its own count in recvspec)');
    recv.blocks[root]!.set(send.bytes);
  }
  return rootedMove(s, call, 'gatherv', recv, recv.blocks, root, null, -1);
}

/**
 * The common tail of the rooted collectives. `recv` is the buffer to commit (for Scatter also where
 * the root's own block goes); `count` is the per-rank block every rank must agree on, when fixed.
 */
function rootedMove(
  s: CommState, call: string, collective: 'scatter' | 'scatterv' | 'gather' | 'gatherv',
  shape: Shape, blocks: Blocks, root: number, recv: CollBuffer | null, bytes: number, count?: number,
): Planned<void> {
  const c = begin(s, { name: call, root, count, dtype: shape.code }, shape.code, shape.elementBytes);
  const run = choose(c, collective, bytes, true, false);
  const scatterSelf = (collective === 'scatter' || collective === 'scatterv') && s.rank === root ? recv : null;
  scatterSelf?.bytes.set(blocks[root]!);
  return planned(c, run(c, blocks, root), () => recv?.commit());
}

export function allgatherPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec): Planned<void> {
  const s = comm.check(call);
  const inPlace = isInPlace(sendbuf);
  const send = inPlace ? null : collBuffer(sendbuf, 'read', `${call} sendbuf`);
  const recv = collBuffer(recvbuf, inPlace ? 'update' : 'write', `${call} recvbuf`);
  const block = send === null ? blockCount(recv.count, s.size, call, 'recvbuf') : send.count;
  expectCount(recv.count, s.size * block, call, `recvbuf (size x sendcount = ${s.size} x ${block})`);
  if (send !== null) sameType(send, recv, call, 'sendbuf and recvbuf');
  const blocks = equalBlocks(recv.bytes, s.size);
  if (send !== null) blocks[s.rank]!.set(send.bytes);
  const c = begin(s, { name: call, count: block, dtype: recv.code }, recv.code, recv.elementBytes);
  const run = choose(c, 'allgather', recv.bytes.length, true, false);
  return planned(c, run(c, { blocks, uniform: recv.bytes }), () => recv.commit());
}

export function allgathervPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvspec: VectorSpec): Planned<void> {
  const s = comm.check(call);
  const recv = vectorBuffer(recvspec, s.size, `${call} recvspec`);
  if (!isInPlace(sendbuf)) {
    const send = collBuffer(sendbuf, 'read', `${call} sendbuf`);
    sameType(send, recv, call, 'sendbuf and recvspec');
    expectCount(send.count, recv.counts[s.rank]!, call, `sendbuf (this rank's count in recvspec)`);
    recv.blocks[s.rank]!.set(send.bytes);
  }
  const total = recv.counts.reduce((a, b) => a + b, 0) * recv.elementBytes;
  const c = begin(s, { name: call, dtype: recv.code }, recv.code, recv.elementBytes);
  const run = choose(c, 'allgatherv', total, true, false);
  return planned(c, run(c, { blocks: recv.blocks, uniform: null }));
}

export function alltoallPlan(comm: CommState, call: string, sendbuf: BufferSpec | InPlace, recvbuf: BufferSpec): Planned<void> {
  const s = comm.check(call);
  const inPlace = isInPlace(sendbuf);
  const recv = collBuffer(recvbuf, inPlace ? 'update' : 'write', `${call} recvbuf`);
  let sendBytes: Uint8Array;
  if (inPlace) {
    blockCount(recv.count, s.size, call, 'recvbuf');
    sendBytes = recv.bytes.slice();
  } else {
    const send = collBuffer(sendbuf, 'read', `${call} sendbuf`);
    blockCount(send.count, s.size, call, 'sendbuf');
    expectCount(recv.count, send.count, call, 'recvbuf (as many as sendbuf)');
    sameType(send, recv, call, 'sendbuf and recvbuf');
    sendBytes = send.bytes;
  }
  const sendBlocks = equalBlocks(sendBytes, s.size);
  const recvBlocks = equalBlocks(recv.bytes, s.size);
  recvBlocks[s.rank]!.set(sendBlocks[s.rank]!);
  const c = begin(s, { name: call, count: recv.count / s.size, dtype: recv.code }, recv.code, recv.elementBytes);
  const run = choose(c, 'alltoall', recv.bytes.length, true, false);
  return planned(c, run(c, { send: sendBlocks, recv: recvBlocks, uniform: true }), () => recv.commit());
}

export function alltoallvPlan(comm: CommState, call: string, sendspec: VectorSpec | InPlace, recvspec: VectorSpec): Planned<void> {
  const s = comm.check(call);
  const recv = vectorBuffer(recvspec, s.size, `${call} recvspec`);
  let sendBlocks: Uint8Array[];
  if (isInPlace(sendspec)) {
    sendBlocks = recv.blocks.map((b) => b.slice());
  } else {
    const send = vectorBuffer(sendspec, s.size, `${call} sendspec`);
    sameType(send, recv, call, 'sendspec and recvspec');
    expectCount(recv.counts[s.rank]!, send.counts[s.rank]!, call, `recvspec's count for this rank (its sendspec count for itself)`);
    sendBlocks = send.blocks;
  }
  recv.blocks[s.rank]!.set(sendBlocks[s.rank]!);
  const c = begin(s, { name: call, dtype: recv.code }, recv.code, recv.elementBytes);
  const run = choose(c, 'alltoallv', -1, true, false);
  return planned(c, run(c, { send: sendBlocks, recv: recv.blocks, uniform: false }));
}
