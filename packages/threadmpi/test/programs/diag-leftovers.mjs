// Rank programs for test/leftovers.test.ts: jobs that finish but leave things behind, and one that doesn't.
import { Win } from 'threadmpi';

/** Rank 0 leaves an irecv pending and a Dup unfreed; rank 1 sends a message nobody receives. */
export function leaveThingsBehind(comm) {
  const dup = comm.Dup();
  if (comm.rank === 0) comm.irecv(1, 42);
  else comm.send('nobody wants this', 0, 7);
  dup.Barrier?.();
  return dup.name;
}

/** Rank 1 sends to rank 0 after rank 0 has returned: the message waits in shared memory. */
export async function sendAfterReceiverReturned(comm) {
  if (comm.rank === 0) return 'gone';
  await new Promise((resolve) => setTimeout(resolve, 100));
  comm.Send(new Float64Array(3), 0, 9);
  return 'sent';
}

/** Everything completed, received and freed. */
export function tidy(comm) {
  const dup = comm.Dup();
  const other = 1 - comm.rank;
  const got = dup.sendrecv(comm.rank, other, 0, other, 0);
  const stray = comm.irecv(other, 99);
  stray.cancel();
  stray.wait(); // MPI: a cancelled request is still completed
  const short = comm.isend('short', other, 3);
  comm.recv(other, 3);
  short.wait();
  dup.Free();
  return got;
}

/** Short isends and an Iallreduce nobody waits for: the sends completed at once (buffered), the Iallreduce perhaps. */
export function forgetRequests(comm) {
  const other = 1 - comm.rank;
  comm.isend('short', other, 5);
  comm.Isend(new Float64Array(2), other, 6);
  comm.recv(other, 5);
  comm.Recv(new Float64Array(2), other, 6);
  comm.Iallreduce(new Float64Array(1), new Float64Array(1));
  comm.Barrier();
  return 'done';
}

/** A window never freed (its private communicator is the window's business, not a second leftover). */
export function leaveWindow(comm) {
  const win = Win.Allocate(comm, 4, Int32Array);
  win.Fence();
  return win.name;
}
