/**
 * The predefined reduction operations on values (lowercase reduce/allreduce/scan/exscan).
 *
 * Each is a function f(a, b) where `a` is the combined contribution of lower ranks. Scalars follow
 * JavaScript arithmetic on numbers and bigints (and `+` concatenates strings, as Python's does for
 * mpi4py); arrays and typed arrays of equal length combine element by element, so `allreduce` of a
 * vector works as it does in the typed form. MAXLOC/MINLOC take `[value, index]` pairs.
 * Anything else (mixing a number with a bigint, an object, arrays of different lengths) raises
 * ERR_OP naming the operation and the operands, in the rank that combines them.
 */
import { mpiError } from '../../errors.js';
import { describe } from '../../protocol/buffers.js';
import { isTypedArray, type TypedArray } from '../../protocol/dtypes.js';
import { isBigIntArray, isFloatArray, type PredefinedName } from './typed-kernels.js';

export type ValueFn = (a: unknown, b: unknown) => unknown;
type Scalar = number | bigint;

function fail(name: string, a: unknown, b: unknown, why: string): never {
  throw mpiError('ERR_OP', `${name} cannot combine ${describe(a)} with ${describe(b)}: ${why}`);
}

/** Which scalars an operation accepts: arithmetic and bitwise ones numbers or bigints (not mixed). */
type Operands = 'numeric' | 'logical' | 'bitwise';

function checkScalars(name: string, kind: Operands, a: unknown, b: unknown): void {
  const ta = typeof a;
  if (kind === 'logical' && (ta === 'boolean' || ta === 'number' || ta === 'bigint') && typeof b === ta) return;
  if ((ta === 'number' || ta === 'bigint') && ta === typeof b) {
    if (kind === 'bitwise' && ta === 'number' && (!Number.isInteger(a) || !Number.isInteger(b))) {
      fail(name, a, b, 'bitwise operations need integers');
    }
    return;
  }
  fail(name, a, b, `expected two ${kind === 'logical' ? 'booleans, ' : ''}numbers or bigints, or equal-length arrays of them`);
}

/** Lift a scalar rule to arrays and typed arrays, element by element. */
function elementwise(name: string, kind: Operands, scalar: (a: Scalar, b: Scalar) => Scalar | boolean): ValueFn {
  const combine = (a: unknown, b: unknown): unknown => {
    if (isTypedArray(a) && isTypedArray(b)) {
      if (a.constructor !== b.constructor || a.length !== b.length) {
        fail(name, a, b, 'typed arrays must have the same type and length');
      }
      if (kind === 'bitwise' && isFloatArray(a)) fail(name, a, b, 'bitwise operations are not defined on floating-point arrays');
      const out = a.slice() as TypedArray;
      const o = out as unknown as { [i: number]: Scalar };
      const y = b as unknown as { [i: number]: Scalar };
      // Logical results are booleans; a bigint array only stores bigints.
      const toElement = isBigIntArray(out) ? BigInt : Number;
      for (let i = 0; i < out.length; i++) {
        const r = scalar(o[i]!, y[i]!);
        o[i] = typeof r === 'boolean' ? toElement(r) : r;
      }
      return out;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) fail(name, a, b, 'arrays must have the same length');
      return a.map((x, i) => combine(x, b[i]));
    }
    checkScalars(name, kind, a, b);
    return scalar(a as Scalar, b as Scalar);
  };
  return combine;
}

/** Numbers compare and add as numbers; `+` also concatenates two strings. */
const sumScalars = elementwise('SUM', 'numeric', (a, b) => (a as number) + (b as number));
const sum: ValueFn = (a, b) => (typeof a === 'string' && typeof b === 'string' ? a + b : sumScalars(a, b));

function pairLoc(name: string, better: (x: unknown, y: unknown) => boolean): ValueFn {
  return (a, b) => {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== 2 || b.length !== 2) {
      fail(name, a, b, 'expected [value, index] pairs');
    }
    if (better(a[0], b[0])) return a;
    if (better(b[0], a[0])) return b;
    return (a[1] as number) <= (b[1] as number) ? a : b;
  };
}

export const VALUE_OPS: Record<PredefinedName, ValueFn> = {
  SUM: sum,
  PROD: elementwise('PROD', 'numeric', (a, b) => (a as number) * (b as number)),
  MAX: elementwise('MAX', 'numeric', (a, b) => (a > b ? a : b)),
  MIN: elementwise('MIN', 'numeric', (a, b) => (a < b ? a : b)),
  LAND: elementwise('LAND', 'logical', (a, b) => Boolean(a) && Boolean(b)),
  LOR: elementwise('LOR', 'logical', (a, b) => Boolean(a) || Boolean(b)),
  LXOR: elementwise('LXOR', 'logical', (a, b) => Boolean(a) !== Boolean(b)),
  BAND: elementwise('BAND', 'bitwise', (a, b) => (a as number) & (b as number)),
  BOR: elementwise('BOR', 'bitwise', (a, b) => (a as number) | (b as number)),
  BXOR: elementwise('BXOR', 'bitwise', (a, b) => (a as number) ^ (b as number)),
  MAXLOC: pairLoc('MAXLOC', (x, y) => (x as number) > (y as number)),
  MINLOC: pairLoc('MINLOC', (x, y) => (x as number) < (y as number)),
  REPLACE: (_a, b) => b,
  NO_OP: (a) => a,
};
