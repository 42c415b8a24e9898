// Rank programs for test/rma-window.test.ts: creating windows in all three ways, the memory
// model (win.local, Shared_query), zero-size windows and Free. Each export runs on every rank as
// fn(COMM_WORLD, ...args) and returns what it observed, or a list of failed checks.
import { IDENT, PROC_NULL, Win } from 'threadmpi';
import { ARRAY_TYPES, Checks, arrayOf, el, errorOf, onComm } from './rma-support.mjs';

/** Allocate with every element type: fresh zeroed memory, and a Put lands in the neighbour's local. */
export function allocateEveryType(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const check = new Checks();
    for (const T of ARRAY_TYPES) {
      const win = Win.Allocate(comm, 3 + rank, T);
      const local = win.local;
      check.that(local instanceof T, `${T.name}: local is a ${local.constructor.name}`);
      check.equal(local.length, 3 + rank, `${T.name}: local length`);
      check.that(local.buffer instanceof SharedArrayBuffer, `${T.name}: local is not in shared memory`);
      check.that(local.every((x) => x == 0), `${T.name}: fresh memory is not zero`);
      win.Fence();
      win.Put(arrayOf(T, [rank + 1]), (rank + 1) % size, 2);
      win.Fence();
      check.equal(local[2], el(T, ((rank - 1 + size) % size) + 1), `${T.name}: element written by the left neighbour`);
      win.Free();
    }
    const byDefault = Win.Allocate(comm, 2);
    check.that(byDefault.local instanceof Float64Array, 'the default ArrayType is Float64Array');
    byDefault.Free();
    return check.failures;
  });
}

/**
 * Allocate_shared: one buffer, parts contiguous in rank order; every rank's plain stores to its
 * local are seen through Shared_query after a Fence, and Shared_query views are live.
 */
export function allocateShared(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const win = Win.Allocate_shared(comm, rank + 2, Float64Array);
    const views = Array.from({ length: size }, (_, r) => win.Shared_query(r));
    const layout = views.map((v) => ({ byteOffset: v.byteOffset, length: v.length, sameBuffer: v.buffer === views[0].buffer }));
    for (let i = 0; i < win.local.length; i++) win.local[i] = rank * 100 + i;
    win.Fence();
    const seen = views.map((v) => Array.from(v));
    win.Fence();
    // A store through another rank's view is a store into that rank's memory.
    views[(rank + 1) % size][0] = -(rank + 1);
    win.Fence();
    const mine = win.local[0];
    win.Free();
    return { layout, seen, mine };
  });
}

/** Parts of different element types in one Allocate_shared buffer: each aligned to its element size. */
export function allocateSharedMixedTypes(world) {
  const T = world.rank % 2 === 0 ? Int8Array : Float64Array;
  const win = Win.Allocate_shared(world, 3, T);
  const layout = Array.from({ length: world.size }, (_, r) => {
    const v = win.Shared_query(r);
    return { type: v.constructor.name, byteOffset: v.byteOffset };
  });
  win.Fence();
  win.Free();
  return layout;
}

/** Create over the caller's own SharedArrayBuffer memory: local is that array, and Puts land in it. */
export function createOverUserMemory(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const mine = new Int32Array(new SharedArrayBuffer(5 * 4));
    mine.fill(-1);
    const win = Win.Create(comm, mine);
    const sameArray = win.local === mine;
    win.Fence();
    win.Put(Int32Array.of(rank, rank), (rank + 1) % size, 1);
    win.Fence();
    const got = Array.from(mine);
    win.Free();
    return { sameArray, got };
  });
}

/** Create over a non-shared array (refused, before anything collective) and over an empty one (accepted). */
export function createRefusals(world) {
  const notShared = errorOf(() => Win.Create(world, new Float64Array(4)));
  let message = '';
  try {
    Win.Create(world, new Float64Array(4));
  } catch (e) {
    message = e.message;
  }
  const notTyped = errorOf(() => Win.Create(world, [1, 2, 3]));
  const win = Win.Create(world, new Float64Array(0));
  const emptyLength = win.local.length;
  win.Free();
  return { notShared, message, notTyped, emptyLength };
}

/** Zero-size parts, in all three creation modes: empty accesses succeed, any element is out of range. */
export function zeroSize(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const target = (rank + 1) % size;
    const check = new Checks();
    const makers = {
      Allocate: () => Win.Allocate(comm, 0, Int32Array),
      Allocate_shared: () => Win.Allocate_shared(comm, 0, Int32Array),
      Create: () => Win.Create(comm, new Int32Array(new SharedArrayBuffer(0))),
    };
    for (const [how, make] of Object.entries(makers)) {
      const win = make();
      check.equal(win.local.length, 0, `${how}: local length`);
      check.equal(win.Shared_query(target).length, 0, `${how}: Shared_query length`);
      win.Fence();
      check.equal(errorOf(() => win.Put(new Int32Array(0), target, 0)), 'no error', `${how}: Put of nothing`);
      check.equal(errorOf(() => win.Get(new Int32Array(0), target, 0)), 'no error', `${how}: Get of nothing`);
      check.equal(errorOf(() => win.Put(Int32Array.of(1), target, 0)), 'ERR_RMA_RANGE', `${how}: Put of one element`);
      check.equal(errorOf(() => win.Get(new Int32Array(1), target, 0)), 'ERR_RMA_RANGE', `${how}: Get of one element`);
      check.equal(errorOf(() => win.Fetch_and_op(1, target, 0)), 'ERR_RMA_RANGE', `${how}: Fetch_and_op`);
      win.Fence();
      win.Free();
    }
    return check.failures;
  });
}

/** After Free, every call raises ERR_WIN. */
export function useAfterFree(world) {
  const win = Win.Allocate(world, 4, Float64Array);
  win.Free();
  const buf = new Float64Array(1);
  return {
    Put: errorOf(() => win.Put(buf, 0)),
    Get: errorOf(() => win.Get(buf, 0)),
    Accumulate: errorOf(() => win.Accumulate(buf, 0)),
    Fetch_and_op: errorOf(() => win.Fetch_and_op(1, 0)),
    PutProcNull: errorOf(() => win.Put(buf, PROC_NULL)),
    Fence: errorOf(() => win.Fence()),
    Lock: errorOf(() => win.Lock(0)),
    Unlock: errorOf(() => win.Unlock(0)),
    Lock_all: errorOf(() => win.Lock_all()),
    Post: errorOf(() => win.Post([])),
    local: errorOf(() => win.local),
    Shared_query: errorOf(() => win.Shared_query(0)),
    Free: errorOf(() => win.Free()),
  };
}

/** mpi4py's test_win.py: the window's group is its communicator's; names can be read and set. */
export function groupAndName(world, which) {
  return onComm(world, which, (comm) => {
    const win = Win.Allocate(comm, 1, Int32Array);
    const compare = win.Get_group().Compare(comm.Get_group());
    const initial = win.Get_name();
    win.Set_name('mywin');
    const renamed = [win.Get_name(), win.name];
    win.Free();
    return { compare: compare === IDENT, initial, renamed, afterFree: errorOf(() => win.Set_name('x')) };
  });
}
