export function pingpong(comm, bytes, iters) {
  const buf = new Uint8Array(bytes);
  const peer = 1 - comm.rank;
  for (let w = 0; w < 2; w++) {
    const t0 = performance.now();
    for (let i = 0; i < iters; i++) {
      if (comm.rank === 0) { comm.Send(buf, peer, 1); comm.Recv(buf, peer, 1); }
      else { comm.Recv(buf, peer, 1); comm.Send(buf, peer, 1); }
    }
    if (w === 1) return ((performance.now() - t0) * 1000) / iters / 2;
  }
}
export function objpong(comm, iters) {
  const obj = { from: comm.rank, tag: 3, data: [{ k: 'a', v: 1 }] };
  const peer = 1 - comm.rank;
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) {
    if (comm.rank === 0) { comm.send(obj, peer, 1); comm.recv(peer, 1); }
    else { comm.recv(peer, 1); comm.send(obj, peer, 1); }
  }
  return ((performance.now() - t0) * 1000) / iters / 2;
}
