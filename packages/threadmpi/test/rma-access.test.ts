/**
 * RMA data movement (mpi4py's test_rma.py and more): Put, Get and every accumulate on every
 * element type, offsets and sentinels, atomic combination from several origins at once,
 * element-type edge semantics, derived origin layouts, PROC_NULL targets, and the errors of
 * accesses outside the window or with mismatched arguments.
 */
import { closePool, mpirun } from 'threadmpi';

const prog = new URL('./programs/rma-access.mjs', import.meta.url);
const run = (n: number, fn: string, ...args: unknown[]) => mpirun(n, prog, { fn, args, timeoutMs: 60_000 });

afterAll(() => closePool());

const TYPES = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];

describe.each(['world', 'self', 'split'])('on %s', (which) => {
  const size = which === 'world' ? 4 : which === 'self' ? 1 : 2;

  test('Put and Get move exactly the addressed elements, for every type, count and offset', async () => {
    for (const failures of await run(4, 'putGet', which)) expect(failures).toEqual([]);
  });

  test('Accumulate with every op combines all origins atomically per element', async () => {
    for (const failures of await run(4, 'accumulate', which)) expect(failures).toEqual([]);
  });

  test('Get_accumulate returns the old values and stores op(old, origin)', async () => {
    for (const failures of await run(4, 'getAccumulate', which)) expect(failures).toEqual([]);
  });

  test('Fetch_and_op: SUM hands every rank a distinct old value, MAX keeps the largest', async () => {
    const results = (await run(4, 'fetchAndOp', which)) as Array<Record<string, { old: number; sum: number; max: number; oldType: string }>>;
    // On a Split the two halves are separate windows: group the results by window.
    const windows = which === 'world' ? [results] : which === 'self' ? results.map((r) => [r]) : [[results[0]!, results[2]!], [results[1]!, results[3]!]];
    for (const members of windows) {
      for (const type of TYPES) {
        const olds = members.map((m) => m[type]!.old).sort((a, b) => a - b);
        expect(olds).toEqual(Array.from({ length: size }, (_, i) => i));
        for (const m of members) {
          expect(m[type]!.sum).toBe(size);
          expect(m[type]!.max).toBe(size + 4);
          expect(m[type]!.oldType).toBe(type.startsWith('Big') ? 'bigint' : 'number');
        }
      }
    }
  });

  test('Compare_and_swap: exactly one rank swaps, the others see its value', async () => {
    const results = (await run(4, 'compareAndSwap', which)) as Array<Record<string, { old: number; final: number | null }>>;
    const windows = which === 'world' ? [results] : which === 'self' ? results.map((r) => [r]) : [[results[2]!, results[0]!], [results[3]!, results[1]!]];
    for (const members of windows) {
      // members[i] is comm rank i.
      for (const type of TYPES) {
        const olds = members.map((m) => m[type]!.old);
        const winners = olds.filter((o) => o === 0);
        expect(winners).toHaveLength(1);
        const winnerValue = olds.indexOf(0) + 1;
        expect(olds.filter((o) => o !== 0).every((o) => o === winnerValue)).toBe(true);
        expect(members[0]![type]!.final).toBe(winnerValue);
      }
    }
  });
});

test('Put and Get by every copy path: short runs on and off the 4-byte grid, set(), one memcpy from 8 KiB; origins inside larger arrays; a Buffer origin', async () => {
  for (const failures of await run(3, 'copyPaths')) expect(failures).toEqual([]);
});

test('accumulates store what a store into the element type would: wrap, clamp, round', async () => {
  const [cases] = await run(1, 'elementSemantics');
  expect(cases).toEqual([
    { type: 'Uint8Array', op: 'SUM', old: '250', now: '4' },
    { type: 'Uint8ClampedArray', op: 'SUM', old: '250', now: '255' },
    { type: 'Uint8ClampedArray', op: 'PROD', old: '100', now: '255' },
    { type: 'Int8Array', op: 'PROD', old: '100', now: '44' },
    { type: 'Int32Array', op: 'PROD', old: '65537', now: '131073' },
    { type: 'Uint32Array', op: 'MAX', old: '7', now: '4294967295' },
    { type: 'Uint16Array', op: 'BXOR', old: '61680', now: '3855' },
    { type: 'BigInt64Array', op: 'SUM', old: '9223372036854775807', now: '-9223372036854775808' },
    { type: 'BigUint64Array', op: 'PROD', old: '3', now: '9223372036854775808' },
    { type: 'Float32Array', op: 'SUM', old: '16777216', now: '16777216' },
    { type: 'Float64Array', op: 'SUM', old: '0.1', now: '0.30000000000000004' },
    { type: 'Int16Array', op: 'LXOR', old: '5', now: '0' },
  ]);
});

test('Compare_and_swap on floats compares bit patterns', async () => {
  const [r] = await run(1, 'floatCompareBits');
  expect(r).toEqual({ negZero: [0, 0], posZero: [0, 5], nan: ['NaN', '1'] });
});

test('Put and Get copy bit patterns exactly, signalling NaNs included', async () => {
  const [r] = await run(1, 'nanBits');
  expect(r).toEqual({
    'Float32Array x1': ['7f800001'], 'Float32Array x40': ['7f800001'],
    'Float64Array x1': ['7ff0000000000001'], 'Float64Array x40': ['7ff0000000000001'],
  });
});

test('origin buffers may be [buf, count] or [buf, count, derived datatype] specs', async () => {
  for (const r of await run(3, 'derivedOrigins')) {
    expect(r).toEqual({ local: [0, 1, 2, 3], back: [1, -7, 2, -7, 3], afterAccumulate: [10, 21, 2, 3] });
  }
});

test('RMA calls to PROC_NULL are no-ops', async () => {
  for (const r of await run(2, 'procNull')) {
    expect(r).toEqual({ results: new Array(9).fill('no error'), fop: undefined, cas: undefined, local: [0, 0] });
  }
});

test('accesses outside the target\'s window raise ERR_RMA_RANGE and write nothing, not even next door', async () => {
  const results = (await run(3, 'rangeErrors')) as Array<{ errors: Record<string, string>; everything: number[][]; result: number[] }>;
  for (const r of results) {
    for (const [what, errorClass] of Object.entries(r.errors)) {
      expect([what, errorClass]).toEqual([what, what.startsWith('fractional') ? 'ERR_ARG' : 'ERR_RMA_RANGE']);
    }
    expect(Object.keys(r.errors)).toHaveLength(18);
    expect(r.everything).toEqual([[1, 2, 3, 4], [11, 12, 13, 14], [21, 22, 23, 24]]);
    expect(r.result).toEqual([-5, -5]);
  }
});

test('mismatched types, unsupported ops, bad ranks and bad buffers raise the matching error class', async () => {
  for (const r of await run(2, 'argumentErrors')) {
    expect(r).toEqual({
      errors: {
        'Put of Int32Array into Float64Array': 'ERR_TYPE',
        'Get into Float32Array from Float64Array': 'ERR_TYPE',
        'Fetch_and_op with a bigint on Float64Array': 'ERR_TYPE',
        'Fetch_and_op with a number on BigInt64Array': 'ERR_TYPE',
        'Compare_and_swap with a string': 'ERR_TYPE',
        'BAND on Float64Array': 'ERR_OP',
        'LAND on Float64Array': 'ERR_OP',
        'MAXLOC': 'ERR_OP',
        'a user-defined op': 'ERR_OP',
        'an op name instead of an Op': 'ERR_OP',
        'target rank out of range': 'ERR_RANK',
        'negative target rank': 'ERR_RANK',
        'origin not a buffer': 'ERR_ARG',
        'Get_accumulate counts differ': 'ERR_COUNT',
        'Allocate of a negative count': 'ERR_ARG',
        'Allocate of a fractional count': 'ERR_ARG',
        'Allocate of a non-typed-array type': 'ERR_ARG',
      },
      untouched: [0, 0, 0, 0],
    });
  }
});
