/**
 * Bad collective arguments: raised in the calling rank with the class MPI names and a message
 * that says what was expected; a bad argument on one rank fails the job and nobody hangs.
 */
import { MPIJobError, closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/coll-errors.mjs', import.meta.url);

afterAll(() => closePool());

test('every rank raises the right error class with a message that says what was expected', async () => {
  const results = (await mpirun(3, prog, { fn: 'badArguments', timeoutMs: 30_000 })) as Array<Record<string, [string, string?]>>;
  const expected: Record<string, [string, RegExp]> = {
    rootTooBig: ['ERR_ROOT', /root must be a rank in 0\.\.2 of WORLD, got 3/],
    rootNegative: ['ERR_ROOT', /got -1/],
    rootNotInteger: ['ERR_ROOT', /got 0\.5/],
    bitwiseOnFloats: ['ERR_OP', /BAND is a bitwise operation and is not defined on FLOAT64/],
    bitwiseOnFloat32: ['ERR_OP', /BXOR .* FLOAT32/],
    maxlocOddCount: ['ERR_COUNT', /count must be even, got 3/],
    notAnOp: ['ERR_OP', /op must be an Op/],
    freedOp: ['ERR_OP', /was freed/],
    recvTooSmall: ['ERR_COUNT', /must hold 4 elements, got 3/],
    allgatherRecvWrong: ['ERR_COUNT', /3 x 2\) must hold 6 elements, got 7/],
    alltoallIndivisible: ['ERR_COUNT', /not a multiple of the communicator size 3/],
    elementTypesDiffer: ['ERR_TYPE', /same element type, got FLOAT64 and INT32/],
    alltoallValuesWrongLength: ['ERR_COUNT', /expected an array of 3 values/],
    vectorCountsWrongLength: ['ERR_COUNT', /one entry per rank \(3\), got 1/],
    vectorCountNegative: ['ERR_COUNT', /non-negative integers, got -1/],
    vectorBlockOutside: ['ERR_COUNT', /ends beyond the buffer/],
    reduceScatterCounts: ['ERR_COUNT', /one entry per rank \(3\)/],
    inPlaceAtNonRoot: ['ERR_ARG', /only the root may pass IN_PLACE/],
    freedComm: ['ERR_COMM', /communicator WORLD\.dup was freed/],
    freedCommValues: ['ERR_COMM', /was freed/],
    splitBadColor: ['ERR_ARG', /color must be a non-negative integer or UNDEFINED, got -5/],
    cartTooBig: ['ERR_ARG', /needs 4 ranks but WORLD has 3/],
    specCountNegative: ['ERR_COUNT', /count must be a non-negative integer, got -1/],
    specCountFractional: ['ERR_COUNT', /got 1\.5/],
    specCountOversize: ['ERR_COUNT', /need 10 elements, but the buffer has 6/],
    uncommittedType: ['ERR_TYPE', /must be committed/],
  };
  for (const r of results) {
    expect(Object.keys(r).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [errorClass, message]] of Object.entries(expected)) {
      expect([name, r[name]![0]]).toEqual([name, errorClass]);
      expect(r[name]![1]).toMatch(message);
    }
  }
});

test('a bad root on one rank fails the job with that rank\'s ERR_ROOT; the others do not hang', async () => {
  const failure = await mpirun(4, prog, { fn: 'oneRankBadRoot', timeoutMs: 30_000 }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(MPIJobError);
  const e = failure as MPIJobError;
  expect(e.rank).toBe(1);
  expect(e.cause.errorClass).toBe('ERR_ROOT');
  expect(e.cause.message).toMatch(/root must be a rank in 0\.\.3 of WORLD, got 7/);
});

test('ranks disagreeing on the count fail with ERR_COLL_MISMATCH instead of hanging', async () => {
  const failure = await mpirun(3, prog, { fn: 'countsDisagree', timeoutMs: 30_000 }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(MPIJobError);
  expect((failure as MPIJobError).cause.errorClass).toBe('ERR_COLL_MISMATCH');
  expect((failure as MPIJobError).cause.message).toMatch(/count=4.*count=5|count=5.*count=4/);
});
