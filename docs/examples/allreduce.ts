// allreduce: every rank needs the combined result. Each rank holds part
// of a data set; to compute the standard deviation, each rank must first
// know the global mean, so a reduce to one rank is not enough.
import { COMM_WORLD as comm, SUM } from 'threadmpi';

const { rank } = comm;

// Five values per rank, different on every rank.
const values = Array.from({ length: 5 }, (_, i) => ((rank * 5 + i) * 7) % 11);
const sumOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

// #region allreduce
const count = comm.allreduce(values.length, SUM) as number;
const mean = (comm.allreduce(sumOf(values), SUM) as number) / count;
// Every rank now has the same mean and measures its values against it.
const squares = sumOf(values.map((v) => (v - mean) ** 2));
const variance = (comm.allreduce(squares, SUM) as number) / count;
// #endregion allreduce

const above = values.filter((v) => v > mean).length;
console.log(
  `rank ${rank}: ${above} of my ${values.length} values` +
    ` are above the mean ${mean.toFixed(4)}`,
);
if (rank === 0) {
  const deviation = Math.sqrt(variance).toFixed(4);
  console.log(`global: ${count} values, standard deviation ${deviation}`);
}
