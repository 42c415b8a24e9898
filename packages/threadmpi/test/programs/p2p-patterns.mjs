// Random traffic patterns for the property-based and stress tests. The pattern is generated
// in the test process and given to every rank, so every rank knows what it must send and how
// many messages it must receive; receives use wildcards and each message carries (sender, n).
import * as MPI from 'threadmpi';

/** pattern: list of [from, to, tag, kind] with kind 0 = value, 1 = typed. Returns what each rank received. */
export function replay(comm, pattern, useWildcardSource, useWildcardTag) {
  const { rank } = comm;
  const mine = pattern.filter(([from]) => from === rank);
  const incoming = pattern.filter(([, to]) => to === rank);
  const reqs = [];
  const counters = new Map();
  for (const [, to, tag, kind] of mine) {
    const n = counters.get(to) ?? 0;
    counters.set(to, n + 1);
    reqs.push(kind === 0 ? comm.isend({ from: rank, n }, to, tag) : comm.Isend(new Int32Array([rank, n]), to, tag));
  }
  const got = [];
  // Receive in the pattern's order per sender, but through wildcards where asked.
  for (const [from, , tag] of incoming) {
    const st = new MPI.Status();
    // A value receive takes typed messages too (as a typed-array copy).
    const v = comm.recv(useWildcardSource ? MPI.ANY_SOURCE : from, useWildcardTag ? MPI.ANY_TAG : tag, st);
    got.push(ArrayBuffer.isView(v) ? [v[0], v[1], st.tag] : [v.from, v.n, st.tag]);
    if (got.at(-1)[0] !== st.source) throw new Error(`status source ${st.source} but the message came from ${got.at(-1)[0]}`);
  }
  MPI.Request.waitall(reqs);
  return got;
}
