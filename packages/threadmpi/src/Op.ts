/**
 * Reduction operations (MPI_Op / mpi4py's Op): the predefined ones and `Op.Create`.
 *
 * An operation is a binary function f(a, b) where `a` combines the contributions of lower ranks
 * and `b` those of higher ranks, so a reduction computes a0 ∘ a1 ∘ ... ∘ a(n-1) in rank order.
 * MPI_REPLACE is f(a, b) = b and MPI_NO_OP is f(a, b) = a, as the standard defines them.
 *
 * For values an operation is called as `fn(a, b) -> result`. For typed arrays it is called as
 * `fn(invec, inoutvec)` and stores `invec ∘ inoutvec` into `inoutvec` (MPI's user-function
 * convention). Operations not declared commutative are applied strictly in rank order; the
 * predefined arithmetic ones are commutative, REPLACE and NO_OP are not.
 */
import { mpiError } from './errors.js';
import { dtypeName, type DtypeCode, type TypedArray } from './protocol/dtypes.js';
import { isFloatArray, TYPED_KERNELS, type Kernel, type PredefinedName } from './collectives/ops/typed-kernels.js';
import { VALUE_OPS, type ValueFn } from './collectives/ops/value-ops.js';

/** A user reduction on typed arrays: store `invec ∘ inoutvec` into `inoutvec`. */
export type TypedOpFunction = (invec: TypedArray, inoutvec: TypedArray) => void;
/** A user reduction on values: return `a ∘ b`. */
export type ValueOpFunction = (a: unknown, b: unknown) => unknown;

const BITWISE: ReadonlySet<string> = new Set(['BAND', 'BOR', 'BXOR']);
const PAIRED: ReadonlySet<string> = new Set(['MAXLOC', 'MINLOC']);

export class Op {
  private freed = false;
  /**
   * @internal The name of a predefined operation (its kernels' key), or null for a user one.
   * Fields, not getters over the name: every typed collective asks, and a string set lookup per
   * question was a visible share of a short Allreduce.
   */
  readonly predefinedName: PredefinedName | null;
  /** @internal Elements this operation always combines together: 2 for MAXLOC/MINLOC's pairs, else 1. */
  readonly unit: number;
  /** A predefined bitwise operation (undefined on floats). */
  private readonly bitwise: boolean;

  private constructor(
    readonly name: string,
    private readonly commute: boolean,
    private readonly valueFn: ValueFn,
    /** Predefined: a kernel on the first n elements; user: the function as given. */
    private readonly typed: { kernel: Kernel } | { user: TypedOpFunction },
  ) {
    const predefined = 'kernel' in typed;
    this.predefinedName = predefined ? (name as PredefinedName) : null;
    this.unit = predefined && PAIRED.has(name) ? 2 : 1;
    this.bitwise = predefined && BITWISE.has(name);
  }

  /** @internal */
  static predefined(name: PredefinedName, commute = true): Op {
    return new Op(name, commute, VALUE_OPS[name], { kernel: TYPED_KERNELS[name] });
  }

  /**
   * A user-defined operation. The same function serves both forms: the value form calls
   * `fn(a, b)` and uses its result; the typed form calls `fn(invec, inoutvec)` and ignores it.
   */
  static Create(fn: TypedOpFunction | ValueOpFunction, commute = true): Op {
    if (typeof fn !== 'function') throw mpiError('ERR_OP', `Op.Create: expected a function, got ${typeof fn}`);
    const user = fn as (a: unknown, b: unknown) => unknown;
    return new Op(fn.name || 'user op', Boolean(commute), user, { user: user as TypedOpFunction });
  }

  Is_commutative(): boolean {
    return this.commute;
  }

  get commutative(): boolean {
    return this.commute;
  }

  /** Predefined operations cannot be freed; a freed user operation raises ERR_OP when used. */
  Free(): void {
    if (this.predefinedName !== null) throw mpiError('ERR_OP', `Op.Free: ${this.name} is predefined and cannot be freed`);
    this.freed = true;
  }

  /** Combine two values as a reduction would: `a ∘ b` (mpi4py: `op(a, b)`). */
  apply(a: unknown, b: unknown): unknown {
    this.checkUsable('apply');
    return this.valueFn(a, b);
  }

  /** @internal Raise in the calling rank if this operation cannot reduce `count` elements of `code`. */
  checkTyped(code: DtypeCode, array: TypedArray, count: number, call: string): void {
    this.checkUsable(call);
    if (this.bitwise && isFloatArray(array)) {
      throw mpiError('ERR_OP', `${call}: ${this.name} is a bitwise operation and is not defined on ${dtypeName(code)} elements; use an integer typed array`);
    }
    if (this.unit === 2 && count % 2 !== 0) {
      throw mpiError('ERR_COUNT', `${call}: ${this.name} reduces (value, index) pairs stored side by side, so the count must be even, got ${count}`);
    }
  }

  /** @internal */
  checkUsable(call: string): void {
    if (this.freed) throw mpiError('ERR_OP', `${call}: operation ${this.name} was freed`);
  }

  /** @internal `inout = input ∘ inout` (input holds the lower ranks' contributions). */
  reduceInto(input: TypedArray, inout: TypedArray): void {
    const t = this.typed;
    if ('kernel' in t) t.kernel(input, 0, inout, 0, inout.length);
    else t.user(input, inout);
  }

  /**
   * @internal `inout[o..o+n) = input[a..a+n) ∘ inout[o..o+n)`, for slices of larger arrays (the
   * shared-memory algorithms). A user function sees exactly the slices, as views.
   */
  reduceRange(input: TypedArray, a: number, inout: TypedArray, o: number, n: number): void {
    const t = this.typed;
    if ('kernel' in t) t.kernel(input, a, inout, o, n);
    else t.user(input.subarray(a, a + n) as TypedArray, inout.subarray(o, o + n) as TypedArray);
  }

  /** @internal `inout = inout ∘ input` (input holds the higher ranks' contributions). */
  reduceAfter(inout: TypedArray, input: TypedArray): void {
    if (this.commute) return this.reduceInto(input, inout);
    // Only REPLACE, NO_OP and user operations get here. For REPLACE/NO_OP, f(inout, input) is one of
    // the operands; a user function must write into its second argument, so it works on a copy.
    const later = input.slice() as TypedArray;
    this.reduceInto(inout, later);
    (inout as unknown as { set(a: TypedArray): void }).set(later);
  }

  /** @internal `a ∘ b` for values. */
  combine(a: unknown, b: unknown): unknown {
    return this.valueFn(a, b);
  }

  toString(): string {
    return this.name;
  }
}

export const SUM = Op.predefined('SUM');
export const PROD = Op.predefined('PROD');
export const MAX = Op.predefined('MAX');
export const MIN = Op.predefined('MIN');
export const LAND = Op.predefined('LAND');
export const LOR = Op.predefined('LOR');
export const LXOR = Op.predefined('LXOR');
export const BAND = Op.predefined('BAND');
export const BOR = Op.predefined('BOR');
export const BXOR = Op.predefined('BXOR');
export const MAXLOC = Op.predefined('MAXLOC');
export const MINLOC = Op.predefined('MINLOC');
export const REPLACE = Op.predefined('REPLACE', false);
export const NO_OP = Op.predefined('NO_OP', false);

/** @internal Raise ERR_OP unless `op` is an Op. */
export function checkOp(op: unknown, call: string): Op {
  if (!(op instanceof Op)) throw mpiError('ERR_OP', `${call}: op must be an Op (SUM, MAX, Op.Create(fn), ...), got ${typeof op}`);
  op.checkUsable(call);
  return op;
}
