// Bad collective arguments raise MPIError in the calling rank, before anything is sent. Every rank
// makes the same bad call here, so each raises locally and the job goes on; the function returns
// [errorClass, message] per attempted call.
import { BAND, BXOR, FLOAT64, IN_PLACE, MAXLOC, Op, SUM } from 'threadmpi';

function attempt(call) {
  try {
    call();
    return ['no error'];
  } catch (e) {
    return [e.errorClass ?? e.name, e.message];
  }
}

export function badArguments(comm) {
  const { size, rank } = comm;
  const freed = comm.Dup();
  freed.Free();
  const used = Op.Create((a, b) => a + b);
  used.Free();
  const column = FLOAT64.Create_vector(3, 1, 2).Commit();
  return {
    rootTooBig: attempt(() => comm.Bcast(new Float64Array(1), size)),
    rootNegative: attempt(() => comm.reduce(1, SUM, -1)),
    rootNotInteger: attempt(() => comm.Gather(new Float64Array(1), new Float64Array(size), 0.5)),
    bitwiseOnFloats: attempt(() => comm.Allreduce(new Float64Array(2), new Float64Array(2), BAND)),
    bitwiseOnFloat32: attempt(() => comm.Reduce(new Float32Array(2), new Float32Array(2), BXOR, 0)),
    maxlocOddCount: attempt(() => comm.Allreduce(new Float64Array(3), new Float64Array(3), MAXLOC)),
    notAnOp: attempt(() => comm.allreduce(1, 'SUM')),
    freedOp: attempt(() => comm.allreduce(1, used)),
    recvTooSmall: attempt(() => comm.Allreduce(new Float64Array(4), new Float64Array(3), SUM)),
    allgatherRecvWrong: attempt(() => comm.Allgather(new Float64Array(2), new Float64Array(2 * size + 1))),
    alltoallIndivisible: attempt(() => comm.Alltoall(new Float64Array(size + 1), new Float64Array(size + 1))),
    elementTypesDiffer: attempt(() => comm.Allreduce(new Float64Array(2), new Int32Array(2), SUM)),
    alltoallValuesWrongLength: attempt(() => comm.alltoall(new Array(size + 1).fill(0))),
    vectorCountsWrongLength: attempt(() => comm.Allgatherv(new Float64Array(1), [new Float64Array(size), [1]])),
    vectorCountNegative: attempt(() => comm.Allgatherv(new Float64Array(1), [new Float64Array(size), new Array(size).fill(-1)])),
    vectorBlockOutside: attempt(() => comm.Allgatherv(new Float64Array(1), [new Float64Array(1), new Array(size).fill(1), new Array(size).fill(5)])),
    reduceScatterCounts: attempt(() => comm.Reduce_scatter(new Float64Array(size), new Float64Array(1), [1], SUM)),
    inPlaceAtNonRoot: attempt(() => comm.Reduce(IN_PLACE, new Float64Array(1), SUM, rank === 0 ? 1 % size : 0)),
    freedComm: attempt(() => freed.Barrier()),
    freedCommValues: attempt(() => freed.allreduce(1)),
    splitBadColor: attempt(() => comm.Split(-5)),
    cartTooBig: attempt(() => comm.Create_cart([size + 1])),
    specCountNegative: attempt(() => comm.Bcast([new Float64Array(4), -1], 0)),
    specCountFractional: attempt(() => comm.Allreduce([new Float64Array(4), 1.5], new Float64Array(4), SUM)),
    specCountOversize: attempt(() => comm.Bcast([new Float64Array(6), 2, column], 0)),
    uncommittedType: attempt(() => comm.Bcast([new Float64Array(6), 1, FLOAT64.Create_vector(3, 1, 2)], 0)),
  };
}

/** Only rank 1 passes a bad root: it raises, and the others must not hang (the job fails). */
export function oneRankBadRoot(comm) {
  comm.Bcast(new Float64Array(4), comm.rank === 1 ? comm.size + 3 : 0);
}

/** Ranks disagree on the count: caught as ERR_COLL_MISMATCH instead of a hang or garbage. */
export function countsDisagree(comm) {
  const n = comm.rank === 0 ? 4 : 5;
  comm.Allreduce(new Float64Array(n), new Float64Array(n), SUM);
}
