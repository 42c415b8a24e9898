// Rank programs for test/rma-sync.test.ts: every synchronisation mode (fence, exclusive and
// shared locks, Lock_all with flushes, post-start-complete-wait) and the epoch rules
// (ERR_RMA_SYNC). Point-to-point messages order the ranks where a test needs a given interleaving.
import {
  LOCK_EXCLUSIVE, LOCK_SHARED, MODE_NOCHECK, MODE_NOPRECEDE, MODE_NOPUT, MODE_NOSTORE, MODE_NOSUCCEED, PROC_NULL, Request, SUM, Win,
} from 'threadmpi';
import { errorOf, onComm } from './rma-support.mjs';

/** Busy for `ms` milliseconds: the rank stays RUNNING (a sleeping rank would look blocked). */
function busy(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/**
 * A non-atomic read-modify-write (Get, add, Put) under an exclusive lock, from every rank: no
 * increment may be lost.
 */
export function exclusiveCounter(world, which, iters) {
  return onComm(world, which, (comm) => {
    const win = Win.Allocate(comm, 1, Int32Array);
    const x = new Int32Array(1);
    for (let i = 0; i < iters; i++) {
      win.Lock(0, LOCK_EXCLUSIVE);
      win.Get(x, 0, 0);
      x[0] += 1;
      win.Put(x, 0, 0);
      win.Unlock(0);
    }
    win.Fence();
    const total = win.local[0];
    win.Fence();
    win.Free();
    return comm.rank === 0 ? total : null;
  });
}

/**
 * Rank 1 holds a lock on rank 0 for a while and writes a marker before releasing it; rank 2 asks
 * for a lock meanwhile. Returns what rank 2 read once it got its lock: the marker, unless the two
 * lock types may be held together. Two shared locks: rank 1 keeps its lock until rank 2 says it
 * has read (so the answer does not depend on timing; if shared locks excluded each other, the
 * job would deadlock).
 */
export function lockWaitsForHolder(world, holderType, waiterType) {
  const win = Win.Allocate(world, 1, Int32Array);
  const together = holderType === LOCK_SHARED && waiterType === LOCK_SHARED;
  let seen = null;
  if (world.rank === 1) {
    win.Lock(0, holderType);
    world.send('locked', 2);
    if (together) world.recv(2);
    else busy(150);
    win.Put(Int32Array.of(42), 0, 0);
    win.Unlock(0);
  } else if (world.rank === 2) {
    world.recv(1);
    win.Lock(0, waiterType);
    const x = new Int32Array(1);
    win.Get(x, 0, 0);
    win.Unlock(0);
    if (together) world.send('read', 1);
    seen = x[0];
  }
  win.Fence();
  win.Free();
  return seen;
}

/**
 * Every rank holds a shared lock on rank 0 while passing a message around a ring: if shared locks
 * excluded each other, the ring would never close.
 */
export function sharedLocksCoexist(world) {
  const { rank, size } = world;
  const win = Win.Allocate(world, 1, Int32Array);
  win.Lock(0, LOCK_SHARED);
  const got = world.sendrecv(rank, (rank + 1) % size, 5, (rank - 1 + size) % size, 5);
  win.Accumulate(Int32Array.of(1), 0, 0, SUM);
  win.Unlock(0);
  win.Fence();
  const total = win.local[0];
  win.Fence();
  win.Free();
  return { got, total };
}

/** Lock_all with Put, Flush, Flush_all, Flush_local(_all) and Sync inside one epoch. */
export function lockAllFlush(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const win = Win.Allocate(comm, size, Int32Array);
    win.Lock_all();
    win.Put(Int32Array.of(rank + 1), 0, rank);
    win.Flush(0);
    win.Put(Int32Array.of(-(rank + 1)), (rank + 1) % size, rank);
    win.Flush_all();
    win.Flush_local(0);
    win.Flush_local_all();
    win.Sync();
    win.Unlock_all();
    win.Fence();
    const local = Array.from(win.local);
    win.Fence();
    win.Free();
    return local;
  });
}

/**
 * Post-start-complete-wait both ways: rank 0 exposes its window to the others (a Group), then
 * accesses theirs (arrays of ranks).
 */
export function pscw(world) {
  const { rank, size } = world;
  const win = Win.Allocate(world, size, Int32Array);
  const group = win.Get_group();
  const others = group.Excl([0]);
  const groupInfo = { size: group.size, rank: group.rank };
  let exposed = null;
  if (rank === 0) {
    win.Post(others);
    win.Wait();
    exposed = Array.from(win.local);
    win.Start(others);
    for (let r = 1; r < size; r++) win.Put(Int32Array.of(100 + r), r, 0);
    win.Complete();
  } else {
    win.Start(group.Incl([0]));
    win.Put(Int32Array.of(rank * 10), 0, rank);
    win.Complete();
    win.Post([0]);
    win.Wait();
    exposed = win.local[0];
  }
  win.Free();
  return { groupInfo, exposed };
}

/** Many PSCW epochs in a row: posts made before the matching Start are neither lost nor reused. */
export function pscwRounds(world, rounds) {
  const { rank, size } = world;
  const win = Win.Allocate(world, size, Int32Array);
  const others = Array.from({ length: size - 1 }, (_, i) => i + 1);
  const wrong = [];
  for (let k = 0; k < rounds; k++) {
    if (rank === 0) {
      win.Post(others);
      win.Wait();
      for (const r of others) if (win.local[r] !== k + 1) wrong.push(`round ${k}: slot ${r} holds ${win.local[r]}`);
    } else {
      win.Start([0]);
      win.Accumulate(Int32Array.of(1), 0, rank, SUM);
      win.Complete();
    }
  }
  win.Free();
  return wrong;
}

/** Test() is false until every origin has completed, then true, and then the epoch is over. */
export function pscwTest(world) {
  const { rank, size } = world;
  const win = Win.Allocate(world, 1, Int32Array);
  let flags = null;
  if (rank === 0) {
    const others = Array.from({ length: size - 1 }, (_, i) => i + 1);
    win.Start(others);
    for (const r of others) world.recv(r, 1);
    win.Complete();
    for (const r of others) world.send('completed', r, 2);
  } else {
    win.Post([0]);
    const before = win.Test();
    world.send('tested', 0, 1);
    world.recv(0, 2);
    const after = win.Test();
    flags = [before, after, errorOf(() => win.Test())];
  }
  win.Free();
  return flags;
}

/** Empty groups: Start/Complete and Post/Wait with nobody succeed at once. */
export function pscwEmpty(world) {
  const win = Win.Allocate(world, 1, Int32Array);
  const nobody = win.Get_group().Incl([]);
  win.Start([]);
  win.Complete();
  win.Post(nobody);
  win.Wait();
  win.Post([]);
  const tested = win.Test();
  win.Free();
  return tested;
}

/** Fences in a row; a Fence with no RMA after it lets a Lock epoch follow (MPI "no succeed"). */
export function fenceThenLock(world) {
  const win = Win.Allocate(world, 1, Int32Array);
  win.Fence();
  win.Fence();
  win.Fence();
  win.Lock(0, LOCK_SHARED);
  win.Accumulate(Int32Array.of(1), 0, 0, SUM);
  win.Unlock(0);
  win.Fence();
  const total = win.local[0];
  win.Fence();
  win.Free();
  return total;
}

/** Every misuse of epochs raises ERR_RMA_SYNC in the calling rank (all ranks do the same). */
export function syncErrors(world) {
  const { rank, size } = world;
  const other = (rank + 1) % size;
  const win = Win.Allocate(world, 2, Int32Array);
  const one = Int32Array.of(1);
  const e = {};
  e['Put before any epoch'] = errorOf(() => win.Put(one, other));
  e['Fetch_and_op before any epoch'] = errorOf(() => win.Fetch_and_op(1, other));
  e['Unlock without Lock'] = errorOf(() => win.Unlock(other));
  e['Unlock_all without Lock_all'] = errorOf(() => win.Unlock_all());
  e['Complete without Start'] = errorOf(() => win.Complete());
  e['Wait without Post'] = errorOf(() => win.Wait());
  e['Test without Post'] = errorOf(() => win.Test());
  e['Flush without Lock'] = errorOf(() => win.Flush(other));
  e['Flush_all without Lock'] = errorOf(() => win.Flush_all());

  win.Lock(other);
  e['Lock twice'] = errorOf(() => win.Lock(other));
  e['Lock_all while locked'] = errorOf(() => win.Lock_all());
  e['Fence inside a Lock epoch'] = errorOf(() => win.Fence());
  e['Start inside a Lock epoch'] = errorOf(() => win.Start([other]));
  e['Put to an unlocked rank'] = size > 1 ? errorOf(() => win.Put(one, rank)) : 'ERR_RMA_SYNC';
  e['Flush of an unlocked rank'] = size > 1 ? errorOf(() => win.Flush(rank)) : 'ERR_RMA_SYNC';
  e['Free inside a Lock epoch'] = errorOf(() => win.Free());
  win.Unlock(other);

  win.Lock_all();
  e['Lock inside Lock_all'] = errorOf(() => win.Lock(other));
  e['Unlock inside Lock_all'] = errorOf(() => win.Unlock(other));
  e['Lock_all twice'] = errorOf(() => win.Lock_all());
  win.Unlock_all();

  win.Fence();
  win.Put(one, other);
  e['Lock after RMA in a fence epoch'] = errorOf(() => win.Lock(other));
  e['Lock_all after RMA in a fence epoch'] = errorOf(() => win.Lock_all());
  e['Start after RMA in a fence epoch'] = errorOf(() => win.Start([other]));
  e['Post after RMA in a fence epoch'] = errorOf(() => win.Post([other]));
  e['Free after RMA in a fence epoch'] = errorOf(() => win.Free());
  win.Fence();

  win.Post([]);
  e['Post twice'] = errorOf(() => win.Post([]));
  e['Fence inside a Post epoch'] = errorOf(() => win.Fence());
  win.Wait();
  win.Start([]);
  e['Start twice'] = errorOf(() => win.Start([]));
  e['Put outside the Start group'] = errorOf(() => win.Put(one, other));
  win.Complete();

  e['Lock with a bad lock type'] = errorOf(() => win.Lock(other, 999));
  e['Lock of a rank out of range'] = errorOf(() => win.Lock(size));
  e['Start with a rank listed twice'] = errorOf(() => win.Start([other, other]));
  e['Start with a non-group'] = errorOf(() => win.Start('all'));
  win.Free();
  return e;
}

/**
 * Rput, Rget, Raccumulate and Rget_accumulate: complete requests inside a Lock epoch, ERR_RMA_SYNC
 * in a fence epoch (MPI allows them in passive-target epochs only), inactive ones for PROC_NULL.
 */
export function requestBased(world) {
  const { rank, size } = world;
  const right = (rank + 1) % size;
  const win = Win.Allocate(world, 4, Int32Array);
  win.Lock(right, LOCK_SHARED);
  const requests = [
    win.Rput(Int32Array.of(rank + 1, rank + 2), right, 0),
    win.Raccumulate(Int32Array.of(10), right, 0, SUM),
  ];
  const got = new Int32Array(2);
  const old = new Int32Array(1);
  requests.push(win.Rget(got, right, 0), win.Rget_accumulate(Int32Array.of(5), old, right, 1, SUM));
  const tested = requests.map((r) => r.test());
  const waited = Request.waitall(requests);
  win.Unlock(right);
  win.Fence();
  const errors = {
    'Rput in a fence epoch': errorOf(() => win.Rput(Int32Array.of(1), right)),
    'Rget in a fence epoch': errorOf(() => win.Rget(new Int32Array(1), right)),
    'Raccumulate in a fence epoch': errorOf(() => win.Raccumulate(Int32Array.of(1), right)),
    'Rget_accumulate in a fence epoch': errorOf(() => win.Rget_accumulate(Int32Array.of(1), new Int32Array(1), right)),
  };
  const procNull = win.Rput(Int32Array.of(1), PROC_NULL);
  win.Fence();
  const local = Array.from(win.local);
  win.Free();
  return { tested, waited, got: Array.from(got), old: old[0], local, errors, procNullActive: procNull.active };
}

/** The assertions of mpi4py's testFence and friends, and the two threadmpi checks. */
export function assertions(world) {
  const { rank, size } = world;
  const right = (rank + 1) % size;
  const win = Win.Allocate(world, 1, Int32Array);
  win.Fence(MODE_NOPRECEDE);
  for (const local of [0, MODE_NOSTORE, MODE_NOPUT, MODE_NOSTORE | MODE_NOPUT]) {
    for (const global of [0, MODE_NOPRECEDE, MODE_NOSUCCEED]) win.Fence(local | global);
  }
  win.Fence();
  win.Put(Int32Array.of(1), right);
  const e = { 'Fence(MODE_NOPRECEDE) after a Put': errorOf(() => win.Fence(MODE_NOPRECEDE)) };
  win.Fence(MODE_NOSUCCEED);
  e['Put after Fence(MODE_NOSUCCEED)'] = errorOf(() => win.Put(Int32Array.of(1), right));
  e['Fence(LOCK_SHARED)'] = errorOf(() => win.Fence(LOCK_SHARED));
  e['Lock with MODE_NOSUCCEED'] = errorOf(() => win.Lock(right, LOCK_SHARED, MODE_NOSUCCEED));
  e['Start with MODE_NOPUT'] = errorOf(() => win.Start([], MODE_NOPUT));
  e['Lock_all with a fractional assertion'] = errorOf(() => win.Lock_all(0.5));
  win.Lock(right, LOCK_SHARED, MODE_NOCHECK);
  win.Unlock(right);
  win.Lock_all(MODE_NOCHECK);
  win.Unlock_all();
  win.Post([], MODE_NOCHECK | MODE_NOSTORE | MODE_NOPUT);
  win.Wait();
  win.Start([], MODE_NOCHECK);
  win.Complete();
  win.Free();
  return e;
}
