// Rank programs for test/deadlock.test.ts: programs that deadlock (each must be reported, naming
// the blocked call and this file's line) and near misses that are slow but must NOT be reported.
import { ANY_SOURCE, LOCK_EXCLUSIVE, Request, Win } from 'threadmpi';

/** Spin without entering MPI: the rank is RUNNING, as in a long computation. */
function compute(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ deadlocks

export function headToHeadSsend(comm) {
  comm.ssend(comm.rank, 1 - comm.rank, 3);
  return comm.recv(1 - comm.rank, 3);
}

/** Both send first: works only while the library buffers the message (not with eagerLimit 0). */
export function bufferedExchange(comm) {
  const other = 1 - comm.rank;
  comm.send(`from ${comm.rank}`, other, 1);
  return comm.recv(other, 1);
}

export function recvCycle(comm) {
  const right = (comm.rank + 1) % comm.size;
  const got = comm.recv(right, 4);
  comm.send(got, (comm.rank + comm.size - 1) % comm.size, 4);
}

/** Rank 1 sends with tag 5 and returns; rank 0 waits for tag 99. */
export function recvFromFinished(comm) {
  if (comm.rank === 1) comm.send('hello', 0, 5);
  else return comm.recv(1, 99);
}

export function waitallNeverMatched(comm) {
  if (comm.rank === 0) return Request.waitall([comm.irecv(1, 7)]);
}

/** Every rank but 0 sends one message; rank 0 receives one more than it is sent. */
export function anySourceAllFinished(comm) {
  if (comm.rank !== 0) return comm.send(comm.rank, 0, 2);
  const got = [];
  for (let i = 0; i < comm.size; i++) got.push(comm.recv(ANY_SOURCE, 2));
  return got;
}

/** Rank 0 waits for any of the others, which all wait for rank 0. */
export function waitanyCycle(comm) {
  if (comm.rank === 0) return Request.waitany([comm.irecv(1, 1), comm.irecv(2, 1)]);
  return comm.recv(0, 1);
}

export function barrierAgainstRecv(comm) {
  if (comm.rank === 0) comm.Barrier();
  else comm.recv(0, 1);
}

/** As above with a short Allreduce after a first one (which set up the segment it then runs in). */
export function allreduceAgainstRecv(comm) {
  const x = new Float64Array(1);
  comm.Allreduce(x, new Float64Array(1));
  if (comm.rank === 0) comm.Allreduce(x, new Float64Array(1));
  else comm.recv(0, 1);
}

/** The same with a Barrier after a first one (which set up the segment it then runs in). */
export function barrierAgainstRecvAfterOne(comm) {
  comm.Barrier();
  if (comm.rank === 0) comm.Barrier();
  else comm.recv(0, 1);
}

/** Only rank 0 completes its Ibarrier; the others return with theirs still pending. */
export function ibarrierNotWaited(comm) {
  const request = comm.Ibarrier();
  if (comm.rank === 0) request.wait();
}

/** Rank 0 waits in a window Fence while rank 1 waits for a message rank 0 would send after it. */
export function fenceAgainstRecv(comm) {
  const win = Win.Allocate(comm, 1, Int32Array);
  if (comm.rank === 0) win.Fence();
  else comm.recv(0, 1);
}

/** Rank 0 holds its own window lock while it waits for rank 1, which waits for that lock. */
export function lockThenRecv(comm) {
  const win = Win.Allocate(comm, 1, Int32Array);
  if (comm.rank === 0) {
    win.Lock(0, LOCK_EXCLUSIVE);
    comm.send('locked', 1, 1);
    comm.recv(1, 2);
  } else {
    comm.recv(0, 1);
    win.Lock(0, LOCK_EXCLUSIVE);
    comm.send('never', 0, 2);
  }
}

/** Rank 1 computes for `ms` before it blocks: the deadlock starts then, not when rank 0 blocked. */
export function lateDeadlock(comm, ms) {
  if (comm.rank === 1) compute(ms);
  return comm.recv(1 - comm.rank, 0);
}

/** Both ranks await a receive (asynchronous waits) from each other. */
export async function awaitedRecvCycle(comm) {
  return await comm.irecv(1 - comm.rank, 0);
}

// ------------------------------------------------------------------ near misses

/** Rank 0 awaits a reply to the message its own timer sends later: its event loop is not idle. */
export async function awaitWhileOwnTimerSends(comm, ms) {
  if (comm.rank === 1) return comm.send(`${comm.recv(0, 0)} pong`, 0, 0);
  setTimeout(() => comm.send('ping', 1, 0), ms);
  return await comm.irecv(1, 0);
}

/** Every rank waits far longer than deadlockMs between messages, but one rank is always working. */
export function slowPipeline(comm, steps, ms) {
  const { rank, size } = comm;
  let token = 0;
  for (let step = 0; step < steps; step++) {
    if (rank === step % size) {
      compute(ms);
      token = step + 1;
      comm.send(token, (rank + 1) % size, 0);
    } else if ((rank + size - 1) % size === step % size) {
      token = comm.recv((rank + size - 1) % size, 0);
    }
  }
  return token;
}

/** Rank 0 computes for `ms` while everyone else waits for it in recv. */
export function busyRoot(comm, ms) {
  if (comm.rank === 0) {
    compute(ms);
    for (let r = 1; r < comm.size; r++) comm.send(r * 10, r, 0);
    return 'sent';
  }
  return comm.recv(0, 0);
}

/** Rank 1 sleeps (its event loop idle, not in MPI) before receiving rank 0's ssend. */
export async function ssendToSleeper(comm, ms) {
  if (comm.rank === 0) return comm.ssend('late but fine', 1, 0);
  await sleep(ms);
  return comm.recv(0, 0);
}

/** Rank 0 awaits a request (an asynchronous wait) while rank 1 computes before sending. */
export async function awaitedRecv(comm, ms) {
  if (comm.rank === 1) {
    compute(ms);
    return comm.send('awaited', 0, 0);
  }
  return await comm.irecv(1, 0);
}

/** waitany while one candidate has finished: the other still sends, after a while. */
export function waitanyOneFinished(comm, ms) {
  if (comm.rank === 0) {
    const requests = [comm.irecv(1, 0), comm.irecv(2, 0)];
    const got = Request.waitany(requests);
    requests[0].cancel();
    return got;
  }
  if (comm.rank === 2) {
    compute(ms);
    comm.send('from 2', 0, 0);
  }
}

// The four fixes of the head-to-head exchange (docs/deadlock.md), safe even when every send is
// synchronous (eagerLimit 0): each returns what the rank received.

export function fixOppositeOrder(comm, n) {
  const other = 1 - comm.rank;
  const mine = new Float64Array(n).fill(comm.rank);
  const theirs = new Float64Array(n);
  if (comm.rank === 0) {
    comm.Send(mine, other, 0);
    comm.Recv(theirs, other, 0);
  } else {
    comm.Recv(theirs, other, 0);
    comm.Send(mine, other, 0);
  }
  return theirs[0];
}

export function fixNonblocking(comm, n) {
  const other = 1 - comm.rank;
  const theirs = new Float64Array(n);
  Request.waitall([comm.Isend(new Float64Array(n).fill(comm.rank), other, 0), comm.Irecv(theirs, other, 0)]);
  return theirs[0];
}

export function fixSendrecv(comm, n) {
  const other = 1 - comm.rank;
  const theirs = new Float64Array(n);
  comm.Sendrecv(new Float64Array(n).fill(comm.rank), other, 0, theirs, other, 0);
  return theirs[0];
}

export function fixReceiveFirst(comm, n) {
  const other = 1 - comm.rank;
  const theirs = new Float64Array(n);
  const request = comm.Irecv(theirs, other, 0);
  comm.Send(new Float64Array(n).fill(comm.rank), other, 0);
  request.wait();
  return theirs[0];
}

/** Rank 1 holds rank 0's window lock while computing for `ms`; the others wait for the lock. */
export function lockHeldWhileComputing(comm, ms) {
  const win = Win.Allocate(comm, 1, Int32Array);
  if (comm.rank === 1) {
    win.Lock(0, LOCK_EXCLUSIVE);
    for (let r = 0; r < comm.size; r++) if (r !== 1) comm.send('locked', r, 1);
    compute(ms);
    win.Put(Int32Array.of(7), 0, 0);
    win.Unlock(0);
  } else {
    comm.recv(1, 1);
    win.Lock(0, LOCK_EXCLUSIVE);
    win.Unlock(0);
  }
  win.Fence();
  const seen = win.local[0];
  win.Fence();
  win.Free();
  return seen;
}

/** One rank computes for `ms` before a collective the others already wait in (a window Fence, then a Barrier). */
export function lateToCollectives(comm, ms) {
  const win = Win.Allocate(comm, 1, Int32Array);
  if (comm.rank === comm.size - 1) compute(ms);
  win.Fence();
  if (comm.rank === 0) compute(ms);
  comm.Barrier();
  win.Free();
  return 'done';
}
