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
  dup.Free();
  return got;
}

/** A window never freed (its private communicator is the window's business, not a second leftover). */
export function leaveWindow(comm) {
  const win = Win.Allocate(comm, 4, Int32Array);
  win.Fence();
  return win.name;
}
