// Receiving from whoever is ready first: rank 0 collects one result from
// every other rank with ANY_SOURCE; the Status of each receive says
// which rank the message came from.
import { ANY_SOURCE, COMM_WORLD as comm, Status } from 'threadmpi';

const RESULT = 7;

/** The start below `limit` with the longest 3n+1 chain, and its length. */
function longestCollatz(limit: number): [number, number] {
  let best: [number, number] = [1, 0];
  for (let start = 1; start < limit; start++) {
    let steps = 0;
    for (let n = start; n !== 1; n = n % 2 === 0 ? n / 2 : 3 * n + 1) {
      steps++;
    }
    if (steps > best[1]) best = [start, steps];
  }
  return best;
}

if (comm.rank === 0) {
  const results = new Map<number, [number, number]>();
  for (let received = 1; received < comm.size; received++) {
    const status = new Status();
    // Nothing fixes the arrival order: take whoever is first.
    const result = comm.recv(ANY_SOURCE, RESULT, status);
    results.set(status.source, result as [number, number]);
  }
  // Print in rank order, so the output does not depend on who happened
  // to finish first.
  for (let source = 1; source < comm.size; source++) {
    const [start, steps] = results.get(source)!;
    console.log(
      `rank ${source}: below ${source * 1000},` +
        ` ${start} takes the most steps (${steps})`,
    );
  }
} else {
  comm.send(longestCollatz(comm.rank * 1000), 0, RESULT);
}
