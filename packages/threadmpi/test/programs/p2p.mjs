// Rank programs for test/p2p*.test.ts. Each export runs on every rank as fn(COMM_WORLD, ...args).
// `onDup` selects whether the body runs on COMM_WORLD itself or on a Dup of it, so every
// behaviour is checked on the world and on a communicator that is not the world (as mpi4py does).
import * as MPI from 'threadmpi';

/** The body on `world`, or on a Dup of it that is freed after (so no leftovers warnings). */
const onWorldOrDup = (body) => (world, onDup, ...args) => {
  const comm = onDup ? world.Dup() : world;
  const result = body(comm, ...args);
  if (onDup) comm.Free();
  return result;
};

export const valueRing = onWorldOrDup((comm) => {
  const { rank, size } = comm;
  const samples = [42, 'text', { a: [1, { b: 2 }] }, new Map([[1, 'x']]), new Set([3]), 12345678901234567890n,
    new Date(7), new Float64Array([1.5, -2]), null, undefined, [1, [2, [3]]]];
  const got = [];
  for (const v of samples) {
    const r = comm.sendrecv(v, (rank + 1) % size, 3, (rank - 1 + size) % size, 3);
    got.push(r);
  }
  return got;
});

export const typedAllTypes = onWorldOrDup((comm) => {
  const { rank, size } = comm;
  const types = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  const out = [];
  for (const T of types) {
    const big = T === BigInt64Array || T === BigUint64Array;
    const send = T.from({ length: 5 }, (_, i) => (big ? BigInt(rank * 10 + i) : rank * 10 + i));
    const recv = new T(5);
    const status = new MPI.Status();
    comm.Sendrecv(send, (rank + 1) % size, 7, recv, (rank - 1 + size) % size, 7, status);
    out.push({ type: T.name, values: Array.from(recv, Number), source: status.source, tag: status.tag, count: status.Get_count() });
  }
  return out;
});

export const wildcards = onWorldOrDup((comm) => {
  const { rank, size } = comm;
  if (rank !== 0) {
    comm.send({ from: rank }, 0, 100 + rank);
    return null;
  }
  const seen = [];
  for (let i = 1; i < size; i++) {
    const st = new MPI.Status();
    const v = comm.recv(MPI.ANY_SOURCE, MPI.ANY_TAG, st);
    seen.push([v.from, st.source, st.tag]);
  }
  return seen.sort((a, b) => a[0] - b[0]);
});

export function procNull(comm) {
  comm.send('lost', MPI.PROC_NULL);
  comm.Send(new Int32Array(3), MPI.PROC_NULL, 1);
  const st = new MPI.Status();
  const v = comm.recv(MPI.PROC_NULL, 0, st);
  const st2 = comm.Recv(new Int32Array(3), MPI.PROC_NULL);
  return [v, st.source, st2.source, comm.irecv(MPI.PROC_NULL).wait()];
}

/** Many messages with random tags from every rank to rank 0, received by ANY_TAG: order per sender is kept. */
export const nonOvertaking = onWorldOrDup((comm, count) => {
  const { rank, size } = comm;
  if (rank !== 0) {
    for (let i = 0; i < count; i++) {
      if (i % 3 === 0) comm.Send(new Int32Array([rank, i]), 0, (i * 7) % 5);
      else comm.send([rank, i], 0, (i * 7) % 5);
    }
    return null;
  }
  const next = new Array(size).fill(0);
  let ok = true;
  for (let k = 0; k < (size - 1) * count; k++) {
    const st = comm.probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
    let msg;
    if (st.Get_count() === 8 && (next[st.source] % 3 === 0)) {
      const b = new Int32Array(2);
      comm.Recv(b, st.source, st.tag);
      msg = [b[0], b[1]];
    } else msg = comm.recv(st.source, st.tag);
    if (msg[0] !== st.source || msg[1] !== next[st.source]) ok = false;
    next[st.source]++;
  }
  return { ok, next };
});

export function largeMessage(comm, bytes) {
  if (comm.size < 2) return 'skip';
  if (comm.rank === 0) {
    const a = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i += 4093) a[i] = (i / 4093) & 0xff;
    a[bytes - 1] = 99;
    comm.Send(a, 1, 9);
    return 'sent';
  }
  if (comm.rank === 1) {
    const b = new Uint8Array(bytes);
    const st = comm.Recv(b, 0, 9);
    let ok = b[bytes - 1] === 99 && st.Get_count() === bytes;
    for (let i = 0; ok && i < bytes - 1; i += 4093) ok = b[i] === ((i / 4093) & 0xff);
    return ok;
  }
  return null;
}

/**
 * Large messages from SharedArrayBuffer-backed arrays (received straight from the sender's
 * memory): into a typed buffer, as a value, into a buffer too small (ERR_TRUNCATE, and the sender
 * is not left hanging), then a plain message after them, which must still arrive.
 */
export const sharedLarge = onWorldOrDup((c) => {
  if (c.size < 2) return 'skip';
  const n = 200_000;
  if (c.rank === 0) {
    const a = new Float64Array(new SharedArrayBuffer(8 * (n + 4)), 16, n).map((_, i) => i * 0.5);
    c.Send(a, 1, 1);
    c.Send(a, 1, 2);
    c.Send(a, 1, 3);
    c.send('after', 1, 4);
    a[0] = -1; // the sends completed, so the receiver copied before this
    return 'sent';
  }
  if (c.rank === 1) {
    const b = new Float64Array(n);
    const st = c.Recv(b, 0, 1);
    const asValue = c.recv(0, 2);
    let truncated = '';
    try {
      c.Recv(new Float64Array(10), 0, 3);
    } catch (e) {
      truncated = e.errorClass;
    }
    return {
      typed: b[0] === 0 && b[n - 1] === (n - 1) * 0.5 && st.Get_count() === n,
      value: asValue instanceof Float64Array && asValue.length === n && asValue[n - 1] === (n - 1) * 0.5,
      truncated,
      after: c.recv(0, 4),
    };
  }
  return null;
});

export function largeValue(comm, n) {
  if (comm.rank === 0) {
    comm.send({ items: Array.from({ length: n }, (_, i) => ({ i, s: `v${i}` })) }, 1, 2);
    return null;
  }
  if (comm.rank === 1) {
    const v = comm.recv(0, 2);
    return v.items.length === n && v.items[n - 1].s === `v${n - 1}`;
  }
  return null;
}

export function errors(comm) {
  const catchClass = (f) => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return `${e.errorClass}|${e.message}`;
    }
  };
  const r = {};
  r.badDest = catchClass(() => comm.send(1, comm.size));
  r.negDest = catchClass(() => comm.Send(new Int32Array(1), -5));
  r.badTag = catchClass(() => comm.send(1, 0, -3));
  r.bigTag = catchClass(() => comm.send(1, 0, MPI.TAG_UB + 1));
  r.badSource = catchClass(() => comm.recv(comm.size + 2));
  r.notBuffer = catchClass(() => comm.Send([1, 2, 3], 0));
  r.badCount = catchClass(() => comm.Send([new Int32Array(2), 5], 0));
  r.fracCount = catchClass(() => comm.Send([new Int32Array(2), 1.5], 0));
  r.clone = catchClass(() => comm.send(() => 1, 0));
  const d = comm.Dup();
  d.Free();
  r.freed = catchClass(() => d.send(1, 0));
  // Nothing above may have sent anything: a message posted now is the first one received.
  comm.send('first', comm.rank, 1);
  r.after = comm.recv(comm.rank, 1);
  return r;
}

export function truncateAndType(comm) {
  if (comm.size < 2) return 'skip';
  const r = {};
  if (comm.rank === 0) {
    comm.Send(new Float64Array(10), 1, 1);
    comm.Send(new Float64Array(3 * 4096), 1, 2); // rendezvous-sized
    comm.Send(new Int32Array(4), 1, 3);
    comm.send({ v: 1 }, 1, 4);
    comm.Send(new Float64Array([7, 8]), 1, 5);
    return 'sent';
  }
  if (comm.rank !== 1) return null;
  const grab = (f) => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return `${e.errorClass}|${e.message}`;
    }
  };
  r.small = grab(() => comm.Recv(new Float64Array(5), 0, 1));
  r.large = grab(() => comm.Recv(new Float64Array(10), 0, 2));
  r.type = grab(() => comm.Recv(new Float64Array(4), 0, 3));
  r.valueIntoTyped = grab(() => comm.Recv(new Float64Array(4), 0, 4));
  const ok = new Float64Array(2);
  comm.Recv(ok, 0, 5);
  r.next = Array.from(ok);
  return r;
}

export function ssendWaitsForMatch(comm) {
  if (comm.size < 2 || comm.rank > 1) return null;
  if (comm.rank === 0) {
    const req = comm.issend('payload', 1, 1);
    comm.send('ready', 1, 2);
    comm.recv(1, 3); // rank 1 has seen our message arrive but not received it
    const [doneBefore] = req.test();
    comm.send('go', 1, 4);
    req.wait();
    return { doneBefore };
  }
  comm.recv(0, 2);
  while (comm.iprobe(0, 1) === null);
  comm.send('check', 0, 3);
  comm.recv(0, 4);
  return comm.recv(0, 1);
}

export async function requests(comm) {
  const { rank, size } = comm;
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const out = {};
  // waitall over a mix of value and typed operations
  const buf = new Int32Array(2);
  const reqs = [comm.irecv(left, 1), comm.Irecv(buf, left, 2), comm.isend(`v${rank}`, right, 1), comm.Isend(new Int32Array([rank, 1]), right, 2)];
  const values = MPI.Request.waitall(reqs);
  out.waitall = [values[0], Array.from(buf)];
  // waitany / waitsome
  const r1 = comm.irecv(left, 3);
  comm.send(rank, right, 3);
  out.waitany = MPI.Request.waitany([r1]);
  out.waitanyNone = MPI.Request.waitany([r1]);
  const r2 = comm.irecv(left, 4);
  comm.send(rank * 2, right, 4);
  let some = [[], []];
  while (some[0].length === 0) some = MPI.Request.waitsome([r2]);
  out.waitsome = some;
  // test / testall / testany / testsome before anything was sent: not done
  // (the left neighbour sends 'five' only after our 'go', so nothing can have arrived yet)
  const r3 = comm.irecv(left, 5);
  out.testBefore = r3.test()[0];
  out.testallBefore = MPI.Request.testall([r3])[0];
  out.testanyBefore = MPI.Request.testany([r3]).slice(0, 2);
  comm.send('go', left, 8);
  comm.recv(right, 8);
  comm.send('five', right, 5);
  let t = [false];
  while (!t[0]) t = r3.test();
  out.test = t;
  // cancel an unmatched receive
  const r4 = comm.irecv(left, 99);
  r4.cancel();
  const st = new MPI.Status();
  r4.wait(st);
  out.cancelled = st.Is_cancelled();
  // awaitable without blocking the event loop
  const r5 = comm.irecv(left, 6);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const sent = new Promise((resolve) => setTimeout(() => resolve(comm.send('late', right, 6)), 30));
  out.awaited = await r5;
  await sent; // our own late send must happen before this rank blocks its thread below
  clearInterval(timer);
  out.eventLoopRan = ticks > 0;
  // persistent requests
  const sendBuf = new Float64Array(1);
  const recvBuf = new Float64Array(1);
  const ps = comm.Send_init(sendBuf, right, 7);
  const pr = comm.Recv_init(recvBuf, left, 7);
  const got = [];
  for (let i = 0; i < 3; i++) {
    sendBuf[0] = rank * 100 + i;
    MPI.Request.startall([pr, ps]);
    MPI.Request.waitall([pr, ps]);
    got.push(recvBuf[0]);
  }
  out.persistent = got;
  return out;
}

export function probes(comm) {
  const me = comm.rank;
  const before = comm.iprobe(me, 1);
  comm.Send(new Int16Array([1, 2, 3]), me, 1);
  const st = comm.probe(me, 1);
  const again = comm.Iprobe(me, 1);
  const buf = new Int16Array(3);
  comm.Recv(buf, me, 1);
  return { before, count: st.Get_count(), tag: st.tag, source: st.source, again: again?.Get_count(), data: Array.from(buf), after: comm.iprobe(me, 1) };
}

export function replace(comm) {
  const { rank, size } = comm;
  const buf = new Int32Array([rank, rank * 10]);
  comm.Sendrecv_replace(buf, (rank + 1) % size, 1, (rank - 1 + size) % size, 1);
  return Array.from(buf);
}

export function column(comm) {
  if (comm.size < 2 || comm.rank > 1) return null;
  // A 3x4 row-major matrix; a column is 3 elements with stride 4.
  const col = MPI.FLOAT64.Create_vector(3, 1, 4).Commit();
  if (comm.rank === 0) {
    const a = Float64Array.from({ length: 12 }, (_, i) => i);
    comm.Send([a, 1, col], 1, 1);
    const sub = MPI.FLOAT64.Create_subarray([3, 4], [2, 2], [1, 1]).Commit();
    comm.Send([a, 1, sub], 1, 2);
    return null;
  }
  const into = new Float64Array(12).fill(-1);
  comm.Recv([into, 1, col], 0, 1);
  const plain = new Float64Array(4);
  comm.Recv(plain, 0, 2);
  return { into: Array.from(into), sub: Array.from(plain) };
}

export function throwsOnRank(comm, bad) {
  if (comm.rank === bad) throw new RangeError(`rank ${bad} gives up`);
  comm.recv(bad); // would wait forever: the failure must stop this rank
}

export function aborts(comm, code) {
  if (comm.rank === 1) comm.Abort(code);
  comm.recv(1);
}

export function spins(comm) {
  if (comm.rank === 0) for (;;);
  return comm.rank;
}

export function returns(comm, x) {
  return { rank: comm.rank, size: comm.size, x, t: MPI.Wtime() >= 0 };
}

export function sharedMemory(comm) {
  if (comm.size < 2 || comm.rank > 1) return null;
  if (comm.rank === 0) {
    const a = new Int32Array(new SharedArrayBuffer(8));
    comm.send({ a }, 1);
    comm.recv(1);
    return a[0];
  }
  const { a } = comm.recv(0);
  a[0] = 5;
  comm.send('done', 0);
  return a.buffer instanceof SharedArrayBuffer;
}
