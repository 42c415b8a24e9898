/**
 * The SIMD reduction loops (collectives/ops/simd-kernels.ts) must compute exactly what the JS
 * kernels store into the same element type, element by element: random operands with the
 * awkward values of each type (NaN, signed zeros, infinities, wrap-around extremes), both the
 * two-operand (o = y) and three-operand forms, and no byte written outside the range.
 */
import fc from 'fast-check';
import { SIMD_BLOCK, SimdKernels } from '../src/collectives/ops/simd-kernels.js';
import { TYPED_KERNELS, type PredefinedName } from '../src/collectives/ops/typed-kernels.js';
import { ARRAY_TYPES, DTYPE_NAMES, type DtypeCode, type TypedArray } from '../src/protocol/dtypes.js';

const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
const simd = SimdKernels.over(memory)!;
const OPS = Object.keys(TYPED_KERNELS) as PredefinedName[];
const CODES = ARRAY_TYPES.map((_, code) => code as DtypeCode);
const BLOCKS = 4;

/** Element bit patterns drawn as raw bytes, plus the special values a float kernel must match. */
function operand(code: DtypeCode, seed: number[]): TypedArray {
  const T = ARRAY_TYPES[code]!;
  const n = (BLOCKS * SIMD_BLOCK) / T.BYTES_PER_ELEMENT;
  const a = new T(n);
  new Uint8Array(a.buffer).set(seed.slice(0, BLOCKS * SIMD_BLOCK));
  if (a instanceof Float32Array || a instanceof Float64Array) {
    const specials = [NaN, -0, 0, Infinity, -Infinity, 1, -1, 0.1];
    for (let i = 0; i < n; i += 3) a[i] = specials[seed[i]! % specials.length]!;
  }
  return a;
}

const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: BLOCKS * SIMD_BLOCK, maxLength: BLOCKS * SIMD_BLOCK });

test('the module assembles and validates', () => {
  expect(simd).not.toBeNull();
});

test('SUM, PROD, MAX, MIN and the bitwise ops have loops for the types they are defined on', () => {
  const covered = OPS.flatMap((op) => CODES.filter((c) => simd.kernel(op, c) !== null).map((c) => `${op} ${DTYPE_NAMES[c]}`));
  expect(covered).toContain('SUM FLOAT64');
  expect(covered).toContain('MAX FLOAT32');
  expect(covered).toContain('BXOR BIGUINT64');
  expect(covered).not.toContain('BAND FLOAT64');
  expect(covered).not.toContain('MAXLOC FLOAT64');
  expect(simd.kernel(null, 7 as DtypeCode)).toBeNull();
});

describe.each(OPS.flatMap((op) => CODES.filter((c) => simd.kernel(op, c) !== null).map((c) => [op, c] as const)))('%s on code %i', (op, code) => {
  const e = ARRAY_TYPES[code]!.BYTES_PER_ELEMENT;
  const view = new ARRAY_TYPES[code]!(memory.buffer) as TypedArray;
  const loop = simd.kernel(op, code)!;
  // x at byte 0, y at 4 blocks, o at 8 blocks, guard bytes around o.
  const X = 0, Y = BLOCKS * SIMD_BLOCK, O = 2 * BLOCKS * SIMD_BLOCK + SIMD_BLOCK;
  const raw = new Uint8Array(memory.buffer);

  test('o = x ∘ y matches the JS kernel, and nothing outside o is written', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.integer({ min: 0, max: BLOCKS }), (xs, ys, blocks) => {
        const x = operand(code, xs), y = operand(code, ys);
        view.set(x as never, X / e);
        view.set(y as never, Y / e);
        raw.fill(0xa5, O - SIMD_BLOCK, O + (BLOCKS + 1) * SIMD_BLOCK);
        loop(X, Y, O, blocks * SIMD_BLOCK);
        const n = (blocks * SIMD_BLOCK) / e;
        const expected = y.slice(0, n) as TypedArray;
        TYPED_KERNELS[op](x, 0, expected, 0, n);
        expect(Array.from(view.subarray(O / e, O / e + n) as never as ArrayLike<unknown>)).toEqual(Array.from(expected as never as ArrayLike<unknown>));
        const guard = [...raw.subarray(O - SIMD_BLOCK, O), ...raw.subarray(O + blocks * SIMD_BLOCK, O + (BLOCKS + 1) * SIMD_BLOCK)];
        expect(guard.every((b) => b === 0xa5)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test('in place (o = y) matches the JS kernel', () => {
    fc.assert(
      fc.property(bytes, bytes, (xs, ys) => {
        const x = operand(code, xs), y = operand(code, ys);
        view.set(x as never, X / e);
        view.set(y as never, Y / e);
        loop(X, Y, Y, BLOCKS * SIMD_BLOCK);
        TYPED_KERNELS[op](x, 0, y, 0, y.length);
        expect(Array.from(view.subarray(Y / e, Y / e + y.length) as never as ArrayLike<unknown>)).toEqual(Array.from(y as never as ArrayLike<unknown>));
      }),
      { numRuns: 40 },
    );
  });
});
