// Rank programs for the chunked (rendezvous) path: sizes around the eager limit, the chunk size
// and the ring's capacity, mixed eager/rendezvous traffic, several large messages in flight.
import * as MPI from 'threadmpi';

/** Byte `i` of message `m` from rank `from`: every byte is checked, so a chunk in the wrong place shows. */
const byteOf = (from, m, i) => (i * 31 + m * 7 + from * 101 + (i >> 16)) & 0xff;

function fill(bytes, from, m) {
  const a = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) a[i] = byteOf(from, m, i);
  return a;
}

/** The first byte that differs from what (from, m) must hold, or -1. */
function firstWrong(a, bytes, from, m) {
  for (let i = 0; i < bytes; i++) if (a[i] !== byteOf(from, m, i)) return i;
  return -1;
}

/**
 * Rank 0 sends one message of each size to rank 1, blocking; rank 1 receives each into a buffer
 * one byte larger (so a length error shows) and returns, per size, [count, first wrong byte].
 */
export function sizes(comm, list) {
  if (comm.rank === 0) {
    list.forEach((bytes, m) => comm.Send(fill(bytes, 0, m), 1, m));
    return null;
  }
  if (comm.rank !== 1) return null;
  return list.map((bytes, m) => {
    const b = new Uint8Array(bytes + 1);
    const st = comm.Recv(b, 0, m);
    return [st.Get_count(), firstWrong(b, bytes, 0, m), b[bytes]];
  });
}

/** The same sizes both ways at once (Sendrecv): both rings stream chunks at the same time. */
export function sizesBothWays(comm, list) {
  if (comm.rank > 1 || comm.size < 2) return null;
  const peer = 1 - comm.rank;
  return list.map((bytes, m) => {
    const b = new Uint8Array(bytes);
    const st = comm.Sendrecv(fill(bytes, comm.rank, m), peer, m, b, peer, m);
    return [st.Get_count(), firstWrong(b, bytes, peer, m)];
  });
}

/**
 * Eager and rendezvous messages interleaved on one tag, all sent with Isend before the receiver
 * posts anything: they must be received in send order (non-overtaking), whatever protocol each
 * took (the large ones wait as unexpected RTS, the small ones as eager payloads). Then the same
 * with receives posted first, on ANY_TAG, and a different tag per message.
 */
export function mixedOrder(comm, list) {
  if (comm.rank === 0) {
    const reqs = list.map((bytes, m) => comm.Isend(fill(bytes, 0, m), 1, 5));
    comm.Barrier();
    MPI.Request.waitall(reqs);
    comm.Barrier();
    MPI.Request.waitall(list.map((bytes, m) => comm.Isend(fill(bytes, 0, m), 1, 100 + m)));
    return null;
  }
  if (comm.rank !== 1) {
    comm.Barrier();
    comm.Barrier();
    return null;
  }
  const max = Math.max(...list);
  comm.Barrier();
  const inOrder = list.map((bytes, m) => {
    const b = new Uint8Array(max);
    const st = comm.Recv(b, 0, 5);
    return [st.Get_count(), firstWrong(b, bytes, 0, m)];
  });
  const bufs = list.map(() => new Uint8Array(max));
  const reqs = bufs.map((b) => comm.Irecv(b, 0, MPI.ANY_TAG));
  comm.Barrier();
  const statuses = list.map(() => new MPI.Status());
  MPI.Request.waitall(reqs, statuses);
  const anyTag = list.map((bytes, m) => [statuses[m].tag, statuses[m].Get_count(), firstWrong(bufs[m], bytes, 0, m)]);
  return { inOrder, anyTag };
}

/**
 * Several large messages in flight to one receiver at once, received in reverse tag order, so
 * the receiver matches the last one first while the earlier ones wait as unexpected RTS.
 */
export function reversed(comm, bytes, count) {
  if (comm.rank === 0) {
    const reqs = [];
    for (let m = 0; m < count; m++) reqs.push(comm.Isend(fill(bytes, 0, m), 1, m));
    MPI.Request.waitall(reqs);
    return null;
  }
  if (comm.rank !== 1) return null;
  const bufs = Array.from({ length: count }, () => new Uint8Array(bytes));
  const reqs = [];
  for (let m = count - 1; m >= 0; m--) reqs.push(comm.Irecv(bufs[m], 0, m));
  MPI.Request.waitall(reqs);
  return bufs.map((b, m) => firstWrong(b, bytes, 0, m));
}

/** Every other rank sends rank 0 large messages at once; rank 0 takes them through ANY_SOURCE. */
export function manyToOne(comm, bytes, perSender) {
  if (comm.rank !== 0) {
    for (let m = 0; m < perSender; m++) comm.Send(fill(bytes, comm.rank, m), 0, 3);
    return null;
  }
  const next = new Array(comm.size).fill(0);
  const b = new Uint8Array(bytes);
  const wrong = [];
  for (let k = 0; k < perSender * (comm.size - 1); k++) {
    const st = comm.Recv(b, MPI.ANY_SOURCE, 3);
    const m = next[st.source]++;
    const at = firstWrong(b, bytes, st.source, m);
    if (at >= 0 || st.Get_count() !== bytes) wrong.push([st.source, m, at]);
  }
  return { wrong, next };
}
