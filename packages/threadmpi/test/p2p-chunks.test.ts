/**
 * The chunked rendezvous path: message sizes on both sides of the eager limit, the chunk size
 * (64 KiB) and the ring's capacity (1 MiB for 2 ranks), both directions streaming at once, eager
 * and rendezvous messages mixed on one tag, several large messages in flight, and many senders
 * streaming to one receiver. Every byte of every message is checked.
 */
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/p2p-chunks.mjs', import.meta.url);
afterAll(() => closePool());

const KiB = 1024;
const EAGER = 16 * KiB;
const CHUNK = 64 * KiB;
const RING = 1024 * KiB;
const around = (n: number) => [n - 1, n, n + 1];
const SIZES = [0, 1, ...around(EAGER), ...around(CHUNK), ...around(2 * CHUNK), ...around(RING / 2), ...around(RING), 3 * CHUNK + 5];

describe.each([undefined, 0])('eagerLimit %s', (eagerLimit) => {
  const run = (n: number, fn: string, ...args: unknown[]) => mpirun(n, prog, { fn, args, eagerLimit, timeoutMs: 60_000 });

  test('sizes around the eager limit, the chunk size and the ring capacity arrive whole, nothing past the end', async () => {
    const [, got] = (await run(2, 'sizes', SIZES)) as [null, Array<[number, number, number]>];
    expect(got).toEqual(SIZES.map((bytes) => [bytes, -1, 0]));
  });

  test('both directions stream at once (Sendrecv)', async () => {
    const results = (await run(2, 'sizesBothWays', SIZES)) as Array<Array<[number, number]>>;
    for (const got of results) expect(got).toEqual(SIZES.map((bytes) => [bytes, -1]));
  });

  test('eager and rendezvous messages mixed on one tag keep their order; ANY_TAG receives posted first match in send order', async () => {
    const list = [10, 3 * CHUNK, 0, EAGER + 1, 8, RING + 17, EAGER, 2 * CHUNK + 3, 1];
    const [, got] = (await run(2, 'mixedOrder', list)) as [null, { inOrder: Array<[number, number]>; anyTag: Array<[number, number, number]> }];
    expect(got.inOrder).toEqual(list.map((bytes) => [bytes, -1]));
    expect(got.anyTag).toEqual(list.map((bytes, m) => [100 + m, bytes, -1]));
  });

  test('several large messages in flight, received in reverse order', async () => {
    const [, wrong] = (await run(2, 'reversed', 2 * CHUNK + 100, 6)) as [null, number[]];
    expect(wrong).toEqual(new Array(6).fill(-1));
  });

  test('four senders stream large messages to one ANY_SOURCE receiver', async () => {
    const [got] = (await run(5, 'manyToOne', RING / 2 + 3, 3)) as Array<{ wrong: unknown[]; next: number[] }>;
    expect(got.wrong).toEqual([]);
    expect(got.next).toEqual([0, 3, 3, 3, 3]);
  });
});
