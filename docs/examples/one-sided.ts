// One-sided communication: every rank exposes memory in a window, and
// other ranks read and write it with Put, Get and Accumulate while the
// owner does nothing. Fence separates the epochs.
import { COMM_WORLD as comm, SUM, Win } from 'threadmpi';

const { rank, size } = comm;
// Every rank exposes `size` doubles; this program only uses rank 0's,
// as a table that all ranks share.
const win = Win.Allocate(comm, size, Float64Array);

// #region put
win.Fence(); // start an epoch, on every rank
// Write my value into slot `rank` of rank 0's window.
win.Put(Float64Array.of(rank * 10), 0, rank);
win.Fence(); // end it: every Put has landed; the next epoch starts
// #endregion put
if (rank === 0) {
  console.log(`after Put: rank 0's window holds [${win.local.join(', ')}]`);
}

// #region get
const table = new Float64Array(size);
win.Get(table, 0, 0); // read all of rank 0's window into my own array
win.Fence(); // table is only valid once the epoch has ended
// #endregion get
console.log(`rank ${rank} read [${table.join(', ')}] with Get`);

// #region accumulate
// All ranks add to the same element in the same epoch: Accumulate is
// atomic per element, Put is not.
win.Accumulate(Float64Array.of(1), 0, 0, SUM);
win.Fence();
// #endregion accumulate
if (rank === 0) {
  console.log(`after Accumulate: slot 0 of rank 0 is ${win.local[0]}`);
}

win.Free();
