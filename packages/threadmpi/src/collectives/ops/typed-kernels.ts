/**
 * The predefined reduction operations on typed arrays, as tight loops.
 *
 * Every kernel computes `inout[i] = in[i] ∘ inout[i]` (MPI's convention: `in` holds the
 * contributions of lower ranks). Number and bigint arrays get separate loops so that each stays
 * monomorphic in V8. Stores into a typed array wrap or round as the element type does, which is
 * what MPI's C integer and floating-point types do, with two exceptions handled here: 32-bit
 * integer products go through Math.imul (a float64 product would lose low bits before the wrap),
 * and MAXLOC/MINLOC treat the array as interleaved (value, index) pairs.
 */
import type { TypedArray } from '../../protocol/dtypes.js';

/** `inout = in ∘ inout` over the first `n` elements. */
export type Kernel = (input: TypedArray, inout: TypedArray, n: number) => void;

type Num = { [i: number]: number; length: number };
type Big = { [i: number]: bigint; length: number };

export function isBigIntArray(a: TypedArray): a is BigInt64Array | BigUint64Array {
  return a instanceof BigInt64Array || a instanceof BigUint64Array;
}

export function isFloatArray(a: TypedArray): a is Float32Array | Float64Array {
  return a instanceof Float32Array || a instanceof Float64Array;
}

/** A kernel that dispatches on the element kind once per call, not per element. */
function byKind(num: (x: Num, y: Num, n: number) => void, big: (x: Big, y: Big, n: number) => void): Kernel {
  return (input, inout, n) => {
    if (isBigIntArray(inout)) big(input as unknown as Big, inout as unknown as Big, n);
    else num(input as unknown as Num, inout as unknown as Num, n);
  };
}

const sum = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! + y[i]!; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! + y[i]!; },
);

const floatProd = (x: Num, y: Num, n: number): void => { for (let i = 0; i < n; i++) y[i] = x[i]! * y[i]!; };
const int32Prod = (x: Num, y: Num, n: number): void => { for (let i = 0; i < n; i++) y[i] = Math.imul(x[i]!, y[i]!); };
const prod: Kernel = (input, inout, n) => {
  if (isBigIntArray(inout)) {
    const x = input as unknown as Big;
    const y = inout as unknown as Big;
    for (let i = 0; i < n; i++) y[i] = x[i]! * y[i]!;
  } else if (inout instanceof Int32Array || inout instanceof Uint32Array) {
    int32Prod(input as unknown as Num, inout as unknown as Num, n);
  } else {
    floatProd(input as unknown as Num, inout as unknown as Num, n);
  }
};

const max = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) if (x[i]! > y[i]!) y[i] = x[i]!; },
  (x, y, n) => { for (let i = 0; i < n; i++) if (x[i]! > y[i]!) y[i] = x[i]!; },
);
const min = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) if (x[i]! < y[i]!) y[i] = x[i]!; },
  (x, y, n) => { for (let i = 0; i < n; i++) if (x[i]! < y[i]!) y[i] = x[i]!; },
);

const land = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i] !== 0 && y[i] !== 0 ? 1 : 0; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i] !== 0n && y[i] !== 0n ? 1n : 0n; },
);
const lor = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i] !== 0 || y[i] !== 0 ? 1 : 0; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i] !== 0n || y[i] !== 0n ? 1n : 0n; },
);
const lxor = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = (x[i] !== 0) !== (y[i] !== 0) ? 1 : 0; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = (x[i] !== 0n) !== (y[i] !== 0n) ? 1n : 0n; },
);

const band = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! & y[i]!; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! & y[i]!; },
);
const bor = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! | y[i]!; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! | y[i]!; },
);
const bxor = byKind(
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! ^ y[i]!; },
  (x, y, n) => { for (let i = 0; i < n; i++) y[i] = x[i]! ^ y[i]!; },
);

/** Pairs (value, index): the larger value wins; equal values keep the smaller index. */
const maxloc = byKind(
  (x, y, n) => {
    for (let i = 0; i + 1 < n; i += 2) {
      if (x[i]! > y[i]! || (x[i] === y[i] && x[i + 1]! < y[i + 1]!)) { y[i] = x[i]!; y[i + 1] = x[i + 1]!; }
    }
  },
  (x, y, n) => {
    for (let i = 0; i + 1 < n; i += 2) {
      if (x[i]! > y[i]! || (x[i] === y[i] && x[i + 1]! < y[i + 1]!)) { y[i] = x[i]!; y[i + 1] = x[i + 1]!; }
    }
  },
);
const minloc = byKind(
  (x, y, n) => {
    for (let i = 0; i + 1 < n; i += 2) {
      if (x[i]! < y[i]! || (x[i] === y[i] && x[i + 1]! < y[i + 1]!)) { y[i] = x[i]!; y[i + 1] = x[i + 1]!; }
    }
  },
  (x, y, n) => {
    for (let i = 0; i + 1 < n; i += 2) {
      if (x[i]! < y[i]! || (x[i] === y[i] && x[i + 1]! < y[i + 1]!)) { y[i] = x[i]!; y[i + 1] = x[i + 1]!; }
    }
  },
);

/** MPI: f(a, b) = b, so `inout` (the later operand) is kept as it is. */
const replace: Kernel = () => {};
/** MPI: f(a, b) = a, so the earlier operand wins. */
const noOp: Kernel = (input, inout, n) => {
  (inout as unknown as { set(a: TypedArray): void }).set(input.subarray(0, n));
};

export const TYPED_KERNELS = {
  SUM: sum, PROD: prod, MAX: max, MIN: min, LAND: land, LOR: lor, LXOR: lxor,
  BAND: band, BOR: bor, BXOR: bxor, MAXLOC: maxloc, MINLOC: minloc, REPLACE: replace, NO_OP: noOp,
} as const satisfies Record<string, Kernel>;

export type PredefinedName = keyof typeof TYPED_KERNELS;
