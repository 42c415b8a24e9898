/**
 * Point-to-point behaviour, run at size 1 and size P, on COMM_WORLD and on a Dup (as mpi4py's
 * suite runs each test on several communicators).
 */
import { closePool, mpirun, MPIJobError, TimeoutError } from 'threadmpi';

const prog = new URL('./programs/p2p.mjs', import.meta.url);
const run = (n: number, fn: string, ...args: unknown[]) => mpirun(n, prog, { fn, args, timeoutMs: 30_000 });

afterAll(() => closePool());

const shapes: Array<[number, boolean]> = [[1, false], [1, true], [4, false], [4, true]];

describe.each(shapes)('size %d, on a Dup: %s', (n, onDup) => {
  test('values of every structured-clone kind travel around a ring', async () => {
    const results = (await run(n, 'valueRing', onDup)) as unknown[][];
    for (const got of results) {
      expect(got).toEqual([42, 'text', { a: [1, { b: 2 }] }, new Map([[1, 'x']]), new Set([3]), 12345678901234567890n,
        new Date(7), new Float64Array([1.5, -2]), null, undefined, [1, [2, [3]]]]);
    }
  });

  test('typed arrays of every element type, with status source, tag and count', async () => {
    const results = (await run(n, 'typedAllTypes', onDup)) as Array<Array<{ values: number[]; source: number; tag: number; count: number }>>;
    results.forEach((perType, rank) => {
      const left = (rank - 1 + n) % n;
      expect(perType).toHaveLength(10);
      for (const t of perType) {
        expect(t.values).toEqual([0, 1, 2, 3, 4].map((i) => left * 10 + i));
        expect([t.source, t.tag, t.count]).toEqual([left, 7, 5]);
      }
    });
  });

  test('ANY_SOURCE and ANY_TAG report who sent what', async () => {
    const [seen] = (await run(n, 'wildcards', onDup)) as number[][][];
    expect(seen).toEqual(Array.from({ length: n - 1 }, (_, i) => [i + 1, i + 1, 101 + i]));
  });

  test('messages from one sender are received in the order sent (non-overtaking)', async () => {
    const [res] = (await run(n, 'nonOvertaking', onDup, 300)) as Array<{ ok: boolean; next: number[] }>;
    expect(res!.ok).toBe(true);
    expect(res!.next.slice(1)).toEqual(new Array(n - 1).fill(300));
  });
});

test('PROC_NULL sends and receives are no-ops', async () => {
  const results = await run(2, 'procNull');
  for (const r of results) expect(r).toEqual([undefined, -2, -2, undefined]);
});

test('messages far above the eager limit arrive intact (rendezvous, pipelined chunks)', async () => {
  expect((await run(2, 'largeMessage', 4 << 20))[1]).toBe(true);
  expect((await run(2, 'largeMessage', 5 * 1024 * 1024 + 3))[1]).toBe(true);
  expect((await run(2, 'largeValue', 20_000))[1]).toBe(true);
});

test.each([false, true])('large SharedArrayBuffer-backed messages are read from the sender\'s memory (on a Dup: %s)', async (onDup) => {
  const [, r] = await run(2, 'sharedLarge', onDup);
  expect(r).toEqual({ typed: true, value: true, truncated: 'ERR_TRUNCATE', after: 'after' });
});

test('a 1 GiB typed array can be sent', async () => {
  expect((await run(2, 'largeMessage', 1 << 30))[1]).toBe(true);
}, 120_000);

test('with eagerLimit 0 every standard send is synchronous, and correct programs still run', async () => {
  const results = await mpirun(4, prog, { fn: 'valueRing', args: [false], eagerLimit: 0, timeoutMs: 30_000 });
  expect(results).toHaveLength(4);
});

test('bad arguments raise MPIError in the calling rank and post nothing', async () => {
  const [r] = (await run(1, 'errors')) as Array<Record<string, string>>;
  expect(r!.badDest).toMatch(/^ERR_RANK\|.*dest must be a rank in 0\.\.0/);
  expect(r!.negDest).toMatch(/^ERR_RANK\|/);
  expect(r!.badTag).toMatch(/^ERR_TAG\|.*0\.\.TAG_UB/);
  expect(r!.bigTag).toMatch(/^ERR_TAG\|/);
  expect(r!.badSource).toMatch(/^ERR_RANK\|.*ANY_SOURCE/);
  expect(r!.notBuffer).toMatch(/^ERR_ARG\|.*typed array/);
  expect(r!.badCount).toMatch(/^ERR_COUNT\|.*count 5 exceeds the buffer's 2 elements/);
  expect(r!.fracCount).toMatch(/^ERR_COUNT\|.*non-negative integer/);
  expect(r!.clone).toMatch(/^ERR_ARG\|.*structured-clone/);
  expect(r!.freed).toMatch(/^ERR_COMM\|.*freed/);
  expect(r!.after).toBe('first');
});

test('truncation and type mismatches raise ERR_TRUNCATE / ERR_TYPE and lose no other message', async () => {
  const [, r] = (await run(2, 'truncateAndType')) as Array<Record<string, unknown>>;
  expect(r!.small).toMatch(/^ERR_TRUNCATE\|.*10 elements \(80 B\).*5 elements \(40 B\)/);
  expect(r!.large).toMatch(/^ERR_TRUNCATE\|.*12288 elements.*10 elements/);
  expect(r!.type).toMatch(/^ERR_TYPE\|.*FLOAT64.*INT32/);
  expect(r!.valueIntoTyped).toMatch(/^ERR_TYPE\|.*value message/);
  expect(r!.next).toEqual([7, 8]);
});

test('ssend completes only once the receiver has matched the message', async () => {
  const [r0, r1] = await run(2, 'ssendWaitsForMatch');
  expect(r0).toEqual({ doneBefore: false });
  expect(r1).toBe('payload');
});

test('requests: waitall, waitany, waitsome, test*, cancel, await, persistent', async () => {
  const results = (await run(3, 'requests')) as Array<Record<string, unknown>>;
  results.forEach((r, rank) => {
    const left = (rank + 2) % 3;
    expect(r.waitall).toEqual([`v${left}`, [left, 1]]);
    expect(r.waitany).toEqual([0, left]);
    expect(r.waitanyNone).toEqual([-32766, undefined]);
    expect(r.waitsome).toEqual([[0], [left * 2]]);
    expect([r.testBefore, r.testallBefore, r.testanyBefore]).toEqual([false, false, [-32766, false]]);
    expect(r.test).toEqual([true, 'five']);
    expect(r.cancelled).toBe(true);
    expect(r.awaited).toBe('late');
    expect(r.eventLoopRan).toBe(true);
    expect(r.persistent).toEqual([0, 1, 2].map((i) => left * 100 + i));
  });
});

test('probe and iprobe never consume', async () => {
  const [r] = await run(1, 'probes');
  expect(r).toEqual({ before: null, count: 3, tag: 1, source: 0, again: 3, data: [1, 2, 3], after: null });
});

test('Sendrecv_replace', async () => {
  expect(await run(3, 'replace')).toEqual([[2, 20], [0, 0], [1, 10]]);
});

test('derived datatypes send a matrix column and a sub-block without packing by hand', async () => {
  const [, r] = (await run(2, 'column')) as Array<{ into: number[]; sub: number[] }>;
  expect(r!.into).toEqual([0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1]);
  expect(r!.sub).toEqual([5, 6, 9, 10]);
});

test('SharedArrayBuffers inside values are shared, not copied', async () => {
  expect((await run(2, 'sharedMemory')).slice(0, 2)).toEqual([5, true]);
});

describe('failures stop the whole job', () => {
  test('a throwing rank rejects with MPIJobError carrying its rank and stack, while others were blocked', async () => {
    const err = await run(3, 'throwsOnRank', 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MPIJobError);
    const e = err as MPIJobError;
    expect(e.rank).toBe(2);
    expect(e.cause.name).toBe('RangeError');
    expect(e.cause.message).toBe('rank 2 gives up');
    expect(e.cause.stack).toMatch(/p2p\.mjs/);
  });

  test('Abort(code) stops every rank and reports the code', async () => {
    const err = (await run(3, 'aborts', 7).catch((e: unknown) => e)) as MPIJobError;
    expect(err).toBeInstanceOf(MPIJobError);
    expect([err.rank, err.code, err.cause.errorClass]).toEqual([1, 7, 'ERR_ABORTED']);
  });

  test('timeoutMs ends a runaway rank, and the pool still runs the next job', async () => {
    const err = await mpirun(2, prog, { fn: 'spins', timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(await run(2, 'returns', 'again')).toEqual([
      { rank: 0, size: 2, x: 'again', t: true },
      { rank: 1, size: 2, x: 'again', t: true },
    ]);
  });

  test('two jobs run at once in one process', async () => {
    const [a, b] = await Promise.all([run(3, 'valueRing', false), run(2, 'typedAllTypes', true)]);
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(2);
  });
});
