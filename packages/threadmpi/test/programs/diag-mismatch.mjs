// Rank programs for test/mismatch.test.ts. The collective ledger is exercised directly (as the
// collectives call it on entry), so these run whether or not a given collective is implemented.
import { MAX, SUM } from 'threadmpi';
import { enterCollective } from '../../dist/runtime/test-internals.js';

/** Each rank enters the signatures listed for it, in order: signaturesByRank[rank]. */
export function enterEach(comm, signaturesByRank) {
  for (const signature of signaturesByRank[comm.rank]) enterCollective(comm.state, signature);
  return 'ok';
}

/** The same, but rank 0 enters its signatures only after every other rank has entered all of theirs. */
export function enterLast(comm, signaturesByRank) {
  if (comm.rank !== 0) {
    enterEach(comm, signaturesByRank);
    comm.send('entered', 0, 1);
    return 'ok';
  }
  for (let r = 1; r < comm.size; r++) comm.recv(r, 1);
  return enterEach(comm, signaturesByRank);
}

/** `rounds` matching collectives, alternating between WORLD and a Dup of it. */
export function interleaved(comm, rounds) {
  const dup = comm.Dup();
  for (let i = 0; i < rounds; i++) {
    enterCollective(comm.state, { name: 'Bcast', root: i % comm.size, count: i, dtype: 7 });
    enterCollective(dup.state, { name: 'Allreduce', op: 'SUM', count: 3, dtype: 7 });
  }
  dup.Free();
  return 'ok';
}

/** Real collectives with a different root on each rank. */
export function bcastDifferentRoots(comm) {
  const buf = new Float64Array(4).fill(comm.rank);
  comm.Bcast(buf, comm.rank);
  return Array.from(buf);
}

export function barrierAgainstBcast(comm) {
  if (comm.rank === 0) comm.Barrier();
  else comm.bcast('x', 0);
}

/**
 * `count` communicators alive at once (more than the ledger has slots, so they share slots), each
 * entering different collectives, round after round: the context word keeps them apart.
 */
export function manyComms(comm, count, rounds) {
  const dups = Array.from({ length: count }, () => comm.Dup());
  for (let i = 0; i < rounds; i++) {
    dups.forEach((d, k) => enterCollective(d.state, { name: k % 2 === 0 ? 'Bcast' : 'Allreduce', root: k % 2 === 0 ? k % comm.size : undefined, op: k % 2 === 0 ? undefined : 'MAX', count: k }));
  }
  for (const d of dups) d.Free();
  return 'ok';
}

/** Real collectives that disagree in one argument, chosen by `what`. */
export function realMismatch(comm, what) {
  const first = comm.rank === 0;
  switch (what) {
    case 'op': return comm.Allreduce(Float64Array.of(1, 2), new Float64Array(2), first ? SUM : MAX);
    case 'count': return comm.Allgather(new Float64Array(first ? 2 : 3), new Float64Array((first ? 2 : 3) * comm.size));
    case 'type': return first ? comm.Allreduce(new Float64Array(2), new Float64Array(2), SUM) : comm.Allreduce(new Int32Array(2), new Int32Array(2), SUM);
    case 'value op': return comm.allreduce(1, first ? SUM : MAX);
    case 'root': return comm.reduce(1, SUM, comm.rank);
  }
}

/**
 * Like realMismatch, but after two matching calls, so the segment is up and the short calls take
 * the immediate path (collectives/shm/immediate.ts), whose checks read the peers' marks instead
 * of their ledger entries, or compare the ledger only before parking.
 */
export function immediateMismatch(comm, what) {
  const first = comm.rank === 0;
  comm.Allreduce(Float64Array.of(1), new Float64Array(1), SUM);
  comm.Barrier();
  const x = Float64Array.of(1, 2);
  const out = new Float64Array(2);
  switch (what) {
    case 'op': return comm.Allreduce(x, out, first ? SUM : MAX);
    case 'count': return comm.Allreduce(first ? x : x.subarray(0, 1), first ? out : out.subarray(0, 1), SUM);
    case 'barrier': return first ? comm.Barrier() : comm.Allreduce(x, out, SUM);
    case 'root': return comm.Reduce(x, out, SUM, first ? 0 : 1);
    case 'non-root': return first ? comm.Reduce(x, out, SUM, 1) : comm.Allreduce(x, out, SUM);
  }
}
