/**
 * Property-based and stress tests of matching: random traffic with wildcards loses nothing,
 * duplicates nothing and keeps each sender's order.
 */
import fc from 'fast-check';
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/p2p-patterns.mjs', import.meta.url);
afterAll(() => closePool());

type Msg = [number, number, number, number];

/** What every rank must have received: each sender's messages, in order, nothing else. */
function check(n: number, pattern: Msg[], received: Array<Array<[number, number, number]>>, wildTag: boolean): void {
  for (let r = 0; r < n; r++) {
    const got = received[r]!;
    const expected = pattern.filter(([, to]) => to === r);
    expect(got).toHaveLength(expected.length);
    for (let s = 0; s < n; s++) {
      const fromS = got.filter(([from]) => from === s);
      const sentByS = expected.filter(([from]) => from === s);
      // counters are numbered per (sender, receiver) pair in send order
      expect(fromS.map(([, k]) => k).sort((a, b) => a - b)).toEqual(sentByS.map((_, k) => k));
      if (wildTag) {
        // With ANY_TAG (and a fixed or any source) messages from one sender arrive in send order.
        expect(fromS.map(([, k]) => k)).toEqual(sentByS.map((_, k) => k));
      }
    }
  }
}

const patternOf = (n: number) =>
  fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(3), fc.nat(1)), { minLength: 1, maxLength: 40 }) as fc.Arbitrary<Msg[]>;

test('random send/recv patterns with wildcards lose nothing and keep per-sender order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 1 }), async (n, wildSource, wildTag, eager) => {
      const pattern = fc.sample(patternOf(n), 1)[0]!;
      const received = (await mpirun(n, prog, {
        fn: 'replay', args: [pattern, wildSource, wildTag], timeoutMs: 20_000, eagerLimit: eager === 0 ? 0 : undefined,
      })) as Array<Array<[number, number, number]>>;
      check(n, pattern, received, wildTag);
    }),
    { numRuns: 25 },
  );
});

test('stress: 8 ranks on 2 cores exchange 4000 random messages without losing any', async () => {
  const pattern = fc.sample(fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.nat(3), fc.nat(1)), { minLength: 4000, maxLength: 4000 }), { numRuns: 1, seed: 42 })[0] as Msg[];
  const received = (await mpirun(8, prog, { fn: 'replay', args: [pattern, true, true], timeoutMs: 60_000 })) as Array<Array<[number, number, number]>>;
  check(8, pattern, received, true);
});
