/**
 * Collective rank functions, OSU style (osu_allreduce, osu_bcast, ...): `fn(comm, step)` on any number
 * of ranks, `step.variants` naming the algorithms (or `default`) measured interleaved in this job.
 * Rank 0 returns one timing per variant, others null.
 *
 * Message sizes are OSU's: the whole vector for bcast, reduce, allreduce and reduce_scatter; one rank's
 * block for gather, scatter, allgather and alltoall. Reductions are Float64 SUM (count = size / 8),
 * data movement is bytes. Roots are rank 0, as in OSU.
 */
import { SUM, type Intracomm } from 'threadmpi';
import type { LatencyTiming } from '../measure/timing.js';
import { timeCollective, type CollectiveStep } from './collective-timing.js';
import {
  clearBytes, contribution, countWrong, countWrongBlocks, expectedSum, patternBlocks, SENTINEL,
} from './patterns.js';

const ROOT = 0;
const FLOAT64_BYTES = 8;

type Result = LatencyTiming[] | null;

/** Times `call`, whose verifying call writes `recv`: cleared first, then its blocks checked against `expected(source)`. */
function timeIntoBlocks(
  comm: Intracomm, collective: string, step: CollectiveStep, call: () => void, recv: Uint8Array, expected: (source: number) => number,
): Result {
  return timeCollective(comm, collective, step, {
    call,
    verify: () => {
      clearBytes(recv);
      call();
      return countWrongBlocks(recv, step.size, expected);
    },
  });
}

export function barrier(comm: Intracomm, step: CollectiveStep): Result {
  return timeCollective(comm, 'barrier', step, { call: () => comm.Barrier(), verify: () => (comm.Barrier(), 0) });
}

export function bcast(comm: Intracomm, step: CollectiveStep): Result {
  const isRoot = comm.rank === ROOT;
  const buffer = patternBlocks(1, step.size, () => ROOT);
  const call = (): void => comm.Bcast(buffer, ROOT);
  return timeCollective(comm, 'bcast', step, {
    call,
    verify: () => {
      if (!isRoot) clearBytes(buffer);
      call();
      return countWrongBlocks(buffer, step.size, () => ROOT);
    },
  });
}

export function reduce(comm: Intracomm, step: CollectiveStep): Result {
  const count = step.size / FLOAT64_BYTES;
  const send = contribution(comm.rank, count);
  const recv = comm.rank === ROOT ? new Float64Array(count) : null;
  const call = (): void => comm.Reduce(send, recv, SUM, ROOT);
  return timeCollective(comm, 'reduce', step, {
    call,
    verify: () => {
      recv?.fill(SENTINEL);
      call();
      return recv === null ? 0 : countWrong(recv, (i) => expectedSum(comm.size, i));
    },
  });
}

export function allreduce(comm: Intracomm, step: CollectiveStep): Result {
  const count = step.size / FLOAT64_BYTES;
  const send = contribution(comm.rank, count);
  const recv = new Float64Array(count);
  const call = (): void => comm.Allreduce(send, recv, SUM);
  return timeCollective(comm, 'allreduce', step, {
    call,
    verify: () => {
      recv.fill(SENTINEL);
      call();
      return countWrong(recv, (i) => expectedSum(comm.size, i));
    },
  });
}

/** OSU's split of a reduce_scatter vector: equal portions, the remainder to the first ranks. */
export function reduceScatterCounts(total: number, ranks: number): number[] {
  const portion = Math.floor(total / ranks);
  return Array.from({ length: ranks }, (_, r) => portion + (r < total % ranks ? 1 : 0));
}

export function reduce_scatter(comm: Intracomm, step: CollectiveStep): Result {
  const total = step.size / FLOAT64_BYTES;
  const counts = reduceScatterCounts(total, comm.size);
  const offset = counts.slice(0, comm.rank).reduce((sum, n) => sum + n, 0);
  const send = contribution(comm.rank, total);
  const recv = new Float64Array(counts[comm.rank]!);
  const call = (): void => comm.Reduce_scatter(send, recv, counts, SUM);
  return timeCollective(comm, 'reduce_scatter', step, {
    call,
    verify: () => {
      recv.fill(SENTINEL);
      call();
      return countWrong(recv, (i) => expectedSum(comm.size, offset + i));
    },
  });
}

export function gather(comm: Intracomm, step: CollectiveStep): Result {
  const send = patternBlocks(1, step.size, () => comm.rank);
  const recv = comm.rank === ROOT ? new Uint8Array(step.size * comm.size) : null;
  const call = (): void => comm.Gather(send, recv, ROOT);
  return timeCollective(comm, 'gather', step, {
    call,
    verify: () => {
      if (recv === null) return (call(), 0);
      clearBytes(recv);
      call();
      return countWrongBlocks(recv, step.size, (source) => source);
    },
  });
}

export function scatter(comm: Intracomm, step: CollectiveStep): Result {
  const send = comm.rank === ROOT ? patternBlocks(comm.size, step.size, (dest) => dest) : null;
  const recv = new Uint8Array(step.size);
  return timeIntoBlocks(comm, 'scatter', step, () => comm.Scatter(send, recv, ROOT), recv, () => comm.rank);
}

export function allgather(comm: Intracomm, step: CollectiveStep): Result {
  const send = patternBlocks(1, step.size, () => comm.rank);
  const recv = new Uint8Array(step.size * comm.size);
  return timeIntoBlocks(comm, 'allgather', step, () => comm.Allgather(send, recv), recv, (source) => source);
}

export function alltoall(comm: Intracomm, step: CollectiveStep): Result {
  const { rank, size: ranks } = comm;
  // The block from `source` to `dest` carries the pattern of the pair, so a misplaced block is wrong.
  const pair = (source: number, dest: number): number => source * ranks + dest;
  const send = patternBlocks(ranks, step.size, (dest) => pair(rank, dest));
  const recv = new Uint8Array(step.size * ranks);
  return timeIntoBlocks(comm, 'alltoall', step, () => comm.Alltoall(send, recv), recv, (source) => pair(source, rank));
}
