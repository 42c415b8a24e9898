/**
 * Property: any script of blocking and nonblocking collectives (Allreduce, Reduce, Bcast and Gather
 * from any root, Allgather, Alltoall, Scan, Barrier, the value form of allreduce, and nonblocking
 * forms; short and long, in place or not), with point-to-point messages in flight around them, on
 * a communicator and a Dup of it gives every rank the exact reference results.
 * Blocking short reductions may run straight through on a rank (collectives/shm/immediate.ts)
 * while another rank runs the same call as a schedule (the first calls, before the segment is
 * everywhere) or has nonblocking calls in flight; any drift in tags, steps or ledger entries
 * between the two paths shows up here as a wrong result, a mismatch error or a deadlock.
 */
import fc from 'fast-check';
import { closePool, mpirun } from 'threadmpi';
import { operand } from './programs/coll-interleaved.mjs';

const prog = new URL('./programs/coll-interleaved.mjs', import.meta.url);
/** PROPERTY_RUNS=500 for a deeper search than the suite's. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 50);

type Kind =
  | 'allreduce' | 'reduce' | 'iallreduce' | 'bcast' | 'ibcast' | 'allgather' | 'iallgather' | 'alltoall' | 'ialltoall'
  | 'gather' | 'igather' | 'scan' | 'vallreduce' | 'viallreduce';
type Call =
  | { kind: Kind; type: string; n: number; op: string; inPlace: boolean; root: number; dup: boolean }
  | { kind: 'barrier' | 'ibarrier' | 'p2p'; dup: boolean }
  | { kind: 'waitall' };

const INTEGER = ['Int32Array', 'Int8Array', 'Uint16Array', 'BigInt64Array'];
const data = fc.record({
  kind: fc.constantFrom<Kind>(
    'allreduce', 'allreduce', 'reduce', 'iallreduce', 'bcast', 'ibcast', 'allgather', 'iallgather', 'alltoall', 'ialltoall',
    'gather', 'igather', 'scan', 'vallreduce', 'viallreduce',
  ),
  type: fc.constantFrom('Float64Array', 'Float32Array', ...INTEGER),
  // Inline (up to 24 bytes), one half of the segment, and past the flat-to-sliced crossover.
  n: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 700 }), fc.constant(5000)),
  op: fc.constantFrom('SUM', 'MAX', 'MIN', 'PROD', 'BXOR'),
  inPlace: fc.boolean(),
  root: fc.integer({ min: 0, max: 4 }),
  dup: fc.boolean(),
}).map((c) => (c.op === 'BXOR' && !INTEGER.includes(c.type) ? { ...c, op: 'SUM' } : c));
const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 10, arbitrary: data },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('barrier' as const, 'ibarrier' as const, 'p2p' as const), dup: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'waitall' as const }) },
);

/** What rank r must hold after call k of a communicator of `size` ranks; null: nothing (Reduce off the root). */
function expected(c: Call, k: number, size: number, r: number): string[] | null {
  if (c.kind === 'p2p') return [`${(r + size - 1) % size}:${k}`];
  if (c.kind === 'barrier' || c.kind === 'ibarrier' || c.kind === 'waitall') return [];
  const root = c.root % size;
  switch (c.kind) {
    case 'bcast':
    case 'ibcast':
      return Array.from(operand(c.type, c.n, root, k), String);
    case 'allgather':
    case 'iallgather':
      return Array.from({ length: size }, (_, j) => Array.from(operand(c.type, c.n, j, k), String)).flat();
    case 'alltoall':
    case 'ialltoall':
      return Array.from({ length: size }, (_, j) => Array.from(operand(c.type, c.n, j * 16 + r, k), String)).flat();
    case 'gather':
    case 'igather':
      return r === root ? Array.from({ length: size }, (_, j) => Array.from(operand(c.type, c.n, j, k), String)).flat() : [];
    case 'scan':
      return reference(c, k, r + 1);
    case 'vallreduce':
    case 'viallreduce':
      return [String(Array.from({ length: size }, (_, j) => (j * 3 + k) % 7).reduce((a, b) => a + b, 0))];
    case 'reduce':
      return r === root ? reference(c, k, size) : null;
    default:
      return reference(c, k, size);
  }
}

/** The reduction of every rank's operand, element by element, in the operand's own arithmetic. */
function reference(c: { type: string; n: number; op: string }, k: number, size: number): string[] {
  const acc = operand(c.type, c.n, 0, k) as unknown as { [i: number]: number | bigint; length: number };
  for (let r = 1; r < size; r++) {
    const x = operand(c.type, c.n, r, k) as unknown as { [i: number]: number | bigint };
    for (let i = 0; i < c.n; i++) {
      const a = acc[i] as number, b = x[i] as number;
      acc[i] = c.op === 'SUM' ? a + b : c.op === 'PROD' ? a * b : c.op === 'MAX' ? (a > b ? a : b) : c.op === 'MIN' ? (a < b ? a : b) : a ^ b;
    }
  }
  return Array.from({ length: c.n }, (_, i) => String(acc[i]));
}

afterAll(() => closePool());

test('scripts of blocking and nonblocking collectives on two communicators give every rank the reference results', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.array(call, { minLength: 1, maxLength: 30 }), async (size, script) => {
      const results = (await mpirun(size, prog, { fn: 'replay', args: [script], timeoutMs: 30_000 })) as Array<Array<string[] | null>>;
      script.forEach((c, k) => {
        if (c.kind === 'waitall') return;
        for (let r = 0; r < size; r++) expect(results[r]![k]).toEqual(expected(c, k, size, r));
      });
    }),
    { numRuns: RUNS },
  );
}, RUNS * 2000);

test('a nonblocking reduction that has published but not read is not overtaken by later calls', async () => {
  const size = 3;
  const n = 100;
  const sums = [0, 1, 2].map((k) => Array.from({ length: n }, (_, i) => ((size * (size + 1)) / 2) * (k + 1) + size * i));
  for (const r of (await mpirun(size, prog, { fn: 'overtaking', timeoutMs: 30_000 })) as number[][][]) expect(r).toEqual(sums);
});

// Found by the property above: the non-roots' Reduce (one eager send) completed within its own
// constructor and, settling, removed the last registered poller, the Iallreduce's, which then
// never attached the segment its own next Allreduce was waiting for.
test('a collective that completes at once leaves the pollers of the nonblocking ones in flight alone', async () => {
  const script = [
    { kind: 'iallreduce', type: 'Float64Array', n: 5000, op: 'SUM', inPlace: false, root: 0 },
    { kind: 'reduce', type: 'Float64Array', n: 7, op: 'SUM', inPlace: false, root: 0 },
    { kind: 'allreduce', type: 'Float64Array', n: 7, op: 'SUM', inPlace: false, root: 0 },
  ] as const;
  const results = (await mpirun(3, prog, { fn: 'replay', args: [script], timeoutMs: 30_000, deadlockMs: 2000 })) as string[][][];
  expect(results.map((r) => r[2])).toEqual([0, 1, 2].map(() => reference(script[2], 2, 3)));
  expect(results[0]![1]).toEqual(reference(script[1], 1, 3));
});
