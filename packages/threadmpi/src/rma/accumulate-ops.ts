/**
 * The predefined operations an accumulate may apply (MPI allows only predefined ones in RMA),
 * and what each computes on one element: `combine(current, operand)` is the element's new value.
 * Kept apart from the collectives' kernels, which combine whole arrays: here one element at a
 * time, inside a compare-and-swap loop.
 */
import { mpiError } from '../errors.js';
import { BAND, BOR, BXOR, LAND, LOR, LXOR, MAX, MIN, NO_OP, Op, PROD, REPLACE, SUM } from '../Op.js';
import { describe } from '../protocol/buffers.js';
import type { TypedArray } from '../protocol/dtypes.js';

export const ACCUMULATE_OPS = ['SUM', 'PROD', 'MAX', 'MIN', 'LAND', 'LOR', 'LXOR', 'BAND', 'BOR', 'BXOR', 'REPLACE', 'NO_OP'] as const;
export type AccumulateOp = (typeof ACCUMULATE_OPS)[number];

/** Ops that only make sense on integers (MPI: not defined for floating-point types). */
const INTEGER_ONLY: ReadonlySet<AccumulateOp> = new Set(['LAND', 'LOR', 'LXOR', 'BAND', 'BOR', 'BXOR']);

/** The predefined ops MPI allows in accumulates (MAXLOC/MINLOC would need pair types; user ops are not allowed). */
const BY_OP: ReadonlyMap<Op, AccumulateOp> = new Map<Op, AccumulateOp>([
  [SUM, 'SUM'], [PROD, 'PROD'], [MAX, 'MAX'], [MIN, 'MIN'], [LAND, 'LAND'], [LOR, 'LOR'], [LXOR, 'LXOR'],
  [BAND, 'BAND'], [BOR, 'BOR'], [BXOR, 'BXOR'], [REPLACE, 'REPLACE'], [NO_OP, 'NO_OP'],
]);

/** The last op resolved: a loop of accumulates passes the same one every time, and a Map lookup costs more than the atomic. */
let lastOp: unknown = SUM;
let lastName: AccumulateOp = 'SUM';

/** Which predefined op an RMA call was given (by identity: a user op may be named 'SUM' too). */
export function resolveAccumulateOp(op: unknown, call: string): AccumulateOp {
  if (op === lastOp) return lastName;
  const name = op instanceof Op ? BY_OP.get(op) : undefined;
  if (name !== undefined) {
    lastOp = op;
    lastName = name;
    return name;
  }
  const got = op instanceof Op ? `${op.name} (only these predefined ops are allowed in RMA)` : describe(op);
  throw mpiError('ERR_OP', `${call}: op must be one of ${ACCUMULATE_OPS.join(', ')}, got ${got}`);
}

export function checkOpForElements(op: AccumulateOp, float: boolean, elements: TypedArray, call: string): void {
  if (float && INTEGER_ONLY.has(op)) {
    throw mpiError('ERR_OP', `${call}: ${op} is a logical/bitwise op and is not defined on ${elements.constructor.name} elements; use it on integer arrays`);
  }
}

type Combine<T> = (current: T, operand: T) => T;

/** Integer elements as numbers: the typed array's store wraps the result to the element type. */
export const INTEGER_COMBINE: Readonly<Record<AccumulateOp, Combine<number>>> = {
  SUM: (a, b) => a + b,
  // Math.imul keeps the exact low 32 bits, which a double product of two 32-bit values may lose.
  PROD: (a, b) => Math.imul(a, b),
  MAX: (a, b) => (a > b ? a : b),
  MIN: (a, b) => (a < b ? a : b),
  LAND: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  LOR: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  LXOR: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
  BAND: (a, b) => a & b,
  BOR: (a, b) => a | b,
  BXOR: (a, b) => a ^ b,
  REPLACE: (_a, b) => b,
  NO_OP: (a) => a,
};

/** Floating-point (and clamped) elements; integer-only ops never reach here (checkOpForElements). */
export const FLOAT_COMBINE: Readonly<Record<AccumulateOp, Combine<number>>> = {
  ...INTEGER_COMBINE,
  PROD: (a, b) => a * b,
  MAX: Math.max,
  MIN: Math.min,
};

/** 64-bit integer elements; the store wraps the result to 64 bits. */
export const BIGINT_COMBINE: Readonly<Record<AccumulateOp, Combine<bigint>>> = {
  SUM: (a, b) => a + b,
  PROD: (a, b) => a * b,
  MAX: (a, b) => (a > b ? a : b),
  MIN: (a, b) => (a < b ? a : b),
  LAND: (a, b) => (a !== 0n && b !== 0n ? 1n : 0n),
  LOR: (a, b) => (a !== 0n || b !== 0n ? 1n : 0n),
  LXOR: (a, b) => ((a !== 0n) !== (b !== 0n) ? 1n : 0n),
  BAND: (a, b) => a & b,
  BOR: (a, b) => a | b,
  BXOR: (a, b) => a ^ b,
  REPLACE: (_a, b) => b,
  NO_OP: (a) => a,
};
