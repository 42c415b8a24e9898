// Rank program for test/rma-epochs.test.ts: replays random epochs of one-sided operations under
// every synchronisation mode and returns what the gets read and what every window holds at the
// end. The script keeps every outcome defined by MPI: within an epoch, each origin puts only into
// its own slots of a target (and at most once per slot), accumulates (SUM, in any order) go to a
// separate region, and gets happen in epochs of their own, after the writes are complete.
import { LOCK_EXCLUSIVE, LOCK_SHARED, SUM, Win } from 'threadmpi';

/**
 * The window of every rank: `size` put regions of `slots` elements (region o is written by origin
 * o only), then `accs` accumulate cells. `epochs`: [{ sync, reads, ops: per rank [{ kind, target,
 * at, value }] }], sync one of fence, lockall, lock (one Lock/Unlock per operation), pscw (every
 * rank exposes to and accesses every rank); kind put (at: a slot of this origin's region), acc
 * and fop (at: an accumulate cell), get (at: any element; only in `reads` epochs).
 */
export function replay(comm, Type, slots, accs, epochs) {
  const T = globalThis[Type];
  const size = comm.size;
  const win = Win.Allocate(comm, size * slots + accs, T);
  const big = T === BigInt64Array;
  const el = (x) => (big ? BigInt(x) : x);
  const got = [];
  const all = comm.Get_group();
  // Every epoch opens and closes itself, so epochs of different kinds follow each other cleanly.
  for (const { sync, ops } of epochs) {
    const mine = ops[comm.rank] ?? [];
    const run = (op) => {
      if (op.kind === 'put') win.Put(T.of(el(op.value)), op.target, comm.rank * slots + op.at);
      else if (op.kind === 'acc') win.Accumulate(T.of(el(op.value)), op.target, size * slots + op.at, SUM);
      else if (op.kind === 'fop') win.Fetch_and_op(el(op.value), op.target, size * slots + op.at, SUM);
      else {
        const into = new T(1);
        got.push({ into, op });
        win.Get(into, op.target, op.at);
      }
    };
    if (sync === 'fence') {
      win.Fence();
      mine.forEach(run);
      win.Fence();
    } else if (sync === 'lockall') {
      win.Lock_all();
      mine.forEach(run);
      win.Unlock_all();
      comm.Barrier();
    } else if (sync === 'lock') {
      for (const op of mine) {
        win.Lock(op.target, op.kind === 'get' ? LOCK_SHARED : LOCK_EXCLUSIVE);
        run(op);
        win.Unlock(op.target);
      }
      comm.Barrier();
    } else {
      win.Post(all);
      win.Start(all);
      mine.forEach(run);
      win.Complete();
      win.Wait();
    }
  }
  comm.Barrier();
  const local = Array.from(win.local, String);
  win.Free();
  return { gets: got.map(({ into }) => String(into[0])), local };
}
