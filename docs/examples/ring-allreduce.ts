// A ring allreduce, forced, so that its trace shows the ring. Each rank
// contributes a vector of 4 x size numbers; the ring cuts it into one
// chunk per rank. In size - 1 steps every rank passes a chunk to its
// right neighbour and adds the chunk from its left one (reduce-scatter),
// so each rank ends with one chunk fully summed; in size - 1 more steps
// the summed chunks travel round the ring (allgather).
import { COMM_WORLD as comm, setCollectiveAlgorithm, SUM } from 'threadmpi';

// Every rank alike: ranks running different algorithms could not talk.
setCollectiveAlgorithm('allreduce', 'ring');

const n = 4 * comm.size;
const mine = Float64Array.from({ length: n }, (_, i) => comm.rank * n + i);
const total = new Float64Array(n);
comm.Barrier(); // start together, so the trace shows the ring, not skew
comm.Allreduce(mine, total, SUM);

// Element i sums rank * n + i over the ranks.
const size = comm.size;
const expected = (i: number) => n * (size * (size - 1)) / 2 + size * i;
const right = total.every((v, i) => v === expected(i));
const everyone = comm.gather(right, 0);
if (everyone !== null) {
  console.log(`ring allreduce of ${n} numbers on ${size} ranks`);
  console.log(`total[0..3] = ${total.slice(0, 4).join(' ')}`);
  console.log(`right sums on ranks: ${everyone.join(' ')}`);
}
