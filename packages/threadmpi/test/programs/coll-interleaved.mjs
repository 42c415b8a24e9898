// Rank program for test/coll-interleaved.test.ts: replays a script of short and long reductions,
// blocking and nonblocking, with barriers between, and returns what every call produced. A blocking
// call may run straight through (collectives/shm/immediate.ts) on one rank and as a schedule on
// another, with nonblocking calls in flight around it; the results show whether they stayed in step.
import { ANY_TAG, IN_PLACE, MAX, MIN, PROD, SUM, BXOR } from 'threadmpi';

const TYPES = { Float64Array, Float32Array, Int32Array, Int8Array, Uint16Array, BigInt64Array };
const OPS = { SUM, MAX, MIN, PROD, BXOR };

/** Rank r's operand of call k: small values, so every fold order gives the same exact result. */
export function operand(type, n, rank, k) {
  const big = type === 'BigInt64Array';
  const a = new TYPES[type](n);
  for (let i = 0; i < n; i++) {
    const v = ((rank * 5 + i * 3 + k) % 7) - 3;
    a[i] = big ? BigInt(v) : v;
  }
  return a;
}

/**
 * `script`: calls in order, each { kind, type, n, op, inPlace, root, dup }, kind one of allreduce,
 * reduce, iallreduce, bcast, ibcast, allgather, iallgather, alltoall, ialltoall, gather, igather,
 * scan, vallreduce, viallreduce (the value form), p2p (isend right, irecv from the left with
 * ANY_TAG), barrier, ibarrier, waitall; `dup`
 * runs it on a Dup of the communicator instead (made first, so both have their own segment and
 * steps). Nonblocking calls stay in flight until the next 'waitall' (or the end). Returns every
 * call's result, in script order, as strings (null: not Reduce's root; [] for barriers).
 */
/** A pending request whose result is the value its wait returns. */
const VALUE = Symbol('value');

export function replay(world, script) {
  const dup = world.Dup();
  const results = [];
  let pending = [];
  const settle = () => {
    for (const { request, out, at } of pending) {
      const value = request.wait();
      if (at >= 0) results[at] = out === VALUE ? [String(value)] : Array.from(out ?? [], String);
    }
    pending = [];
  };
  script.forEach((c, k) => {
    const comm = c.dup ? dup : world;
    const root = (c.root ?? 0) % comm.size;
    switch (c.kind) {
      case 'waitall':
        return settle();
      case 'p2p': {
        // Point-to-point traffic around a ring, on the same communicators as the collectives.
        const right = (comm.rank + 1) % comm.size;
        const left = (comm.rank + comm.size - 1) % comm.size;
        pending.push({ request: comm.isend(`${comm.rank}:${k}`, right, k), out: null, at: -1 });
        pending.push({ request: comm.irecv(left, ANY_TAG), out: VALUE, at: k });
        return;
      }
      case 'barrier':
        comm.Barrier();
        results[k] = [];
        return;
      case 'ibarrier':
        pending.push({ request: comm.Ibarrier(), out: null, at: k });
        return;
      case 'bcast':
      case 'ibcast': {
        const buf = comm.rank === root ? operand(c.type, c.n, root, k) : new TYPES[c.type](c.n);
        if (c.kind === 'ibcast') return void pending.push({ request: comm.Ibcast(buf, root), out: buf, at: k });
        comm.Bcast(buf, root);
        results[k] = Array.from(buf, String);
        return;
      }
      case 'alltoall':
      case 'ialltoall': {
        // Block j of rank r's send buffer is for rank j.
        const send = new TYPES[c.type](c.n * comm.size);
        for (let j = 0; j < comm.size; j++) send.set(operand(c.type, c.n, comm.rank * 16 + j, k), j * c.n);
        const out = new TYPES[c.type](c.n * comm.size);
        if (c.kind === 'ialltoall') return void pending.push({ request: comm.Ialltoall(send, out), out, at: k });
        comm.Alltoall(send, out);
        results[k] = Array.from(out, String);
        return;
      }
      case 'gather':
      case 'igather': {
        const isRoot = comm.rank === root;
        const out = isRoot ? new TYPES[c.type](c.n * comm.size) : null;
        const mine = operand(c.type, c.n, comm.rank, k);
        if (c.kind === 'igather') return void pending.push({ request: comm.Igather(mine, out, root), out: isRoot ? out : null, at: k });
        comm.Gather(mine, out, root);
        results[k] = isRoot ? Array.from(out, String) : [];
        return;
      }
      case 'scan': {
        const out = new TYPES[c.type](c.n);
        comm.Scan(operand(c.type, c.n, comm.rank, k), out, OPS[c.op]);
        results[k] = Array.from(out, String);
        return;
      }
      case 'vallreduce':
      case 'viallreduce': {
        // The value form: a number from every rank, summed.
        const v = (comm.rank * 3 + k) % 7;
        if (c.kind === 'viallreduce') return void pending.push({ request: comm.iallreduce(v, SUM), out: VALUE, at: k });
        results[k] = [String(comm.allreduce(v, SUM))];
        return;
      }
      case 'allgather':
      case 'iallgather': {
        const out = new TYPES[c.type](c.n * comm.size);
        const mine = operand(c.type, c.n, comm.rank, k);
        // IN_PLACE: this rank's block is already where it belongs in the receive buffer.
        if (c.inPlace) out.set(mine, comm.rank * c.n);
        const sendbuf = c.inPlace ? IN_PLACE : mine;
        if (c.kind === 'iallgather') return void pending.push({ request: comm.Iallgather(sendbuf, out), out, at: k });
        comm.Allgather(sendbuf, out);
        results[k] = Array.from(out, String);
        return;
      }
    }
    const send = operand(c.type, c.n, comm.rank, k);
    const out = c.inPlace ? send : new TYPES[c.type](c.n);
    const sendbuf = c.inPlace ? IN_PLACE : send;
    if (c.kind === 'allreduce') {
      comm.Allreduce(sendbuf, out, OPS[c.op]);
      results[k] = Array.from(out, String);
    } else if (c.kind === 'reduce') {
      const isRoot = comm.rank === root;
      // IN_PLACE is the root's alone; the others pass their operand and no receive buffer.
      comm.Reduce(isRoot ? sendbuf : send, isRoot ? out : null, OPS[c.op], root);
      results[k] = isRoot ? Array.from(out, String) : null;
    } else {
      pending.push({ request: comm.Iallreduce(sendbuf, out, OPS[c.op]), out, at: k });
    }
  });
  settle();
  dup.Free();
  return results;
}

function compute(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

/**
 * The readers' rule across calls (collectives/shm/segment.ts). Rank 0's first Iallreduce publishes
 * before the others arrive, so it cannot read yet; rank 0 starts its second one only after they
 * have published the first, and then computes without driving the first. Meanwhile the others
 * finish both and run a third call, over the same half of the segment as the first. Rank 0's
 * first result must still be the sum of everyone's first operands: its second call may not
 * publish before its first has read.
 */
export function overtaking(comm) {
  const n = 100;
  const mine = (k) => Float64Array.from({ length: n }, (_, i) => (comm.rank + 1) * (k + 1) + i);
  const out = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  comm.Allreduce(mine(0), new Float64Array(n), SUM); // sets up the segment
  if (comm.rank !== 0) compute(30);
  const first = comm.Iallreduce(mine(0), out[0], SUM);
  if (comm.rank === 0) compute(80);
  const second = comm.Iallreduce(mine(1), out[1], SUM);
  if (comm.rank === 0) compute(100);
  first.wait();
  second.wait();
  comm.Allreduce(mine(2), out[2], SUM);
  return out.map((o) => Array.from(o));
}
