// Receiving from whoever is ready first: rank 0 collects one result from every other rank
// with ANY_SOURCE, and the Status of each receive says which rank it came from.
import { ANY_SOURCE, COMM_WORLD as comm, Status } from 'threadmpi';

const RESULT = 7;

/** The start value below `limit` with the longest Collatz chain (3n+1 problem), and that length. */
function longestCollatz(limit: number): [start: number, steps: number] {
  let best: [number, number] = [1, 0];
  for (let start = 1; start < limit; start++) {
    let steps = 0;
    for (let n = start; n !== 1; n = n % 2 === 0 ? n / 2 : 3 * n + 1) steps++;
    if (steps > best[1]) best = [start, steps];
  }
  return best;
}

if (comm.rank === 0) {
  const results = new Map<number, [number, number]>();
  for (let received = 1; received < comm.size; received++) {
    const status = new Status();
    // Higher ranks have more work, but nothing guarantees the arrival order: take whoever is first.
    const result = comm.recv(ANY_SOURCE, RESULT, status) as [number, number];
    results.set(status.source, result);
  }
  // Print in rank order so the output does not depend on who happened to finish first.
  for (const [source, [start, steps]] of [...results].sort(([a], [b]) => a - b)) {
    console.log(`rank ${source}: below ${source * 1000}, ${start} takes the most steps (${steps})`);
  }
} else {
  comm.send(longestCollatz(comm.rank * 1000), 0, RESULT);
}
