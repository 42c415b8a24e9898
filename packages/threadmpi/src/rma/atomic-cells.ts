/**
 * Element-wise atomic read-modify-write on window memory, one implementation per family of
 * element types. MPI requires accumulates (Accumulate, Get_accumulate, Fetch_and_op,
 * Compare_and_swap) to be atomic per element with respect to each other; every family below is
 * built on Atomics operations on the very same bytes, so they are also atomic with respect to
 * each other across families' entry points (a Compare_and_swap and a Fetch_and_op on one element
 * never interleave).
 *
 * - 8/16/32-bit integers: Atomics directly (add, and, or, xor, exchange, load); PROD, MAX, MIN
 *   and the logical ops, which Atomics lacks, as a compareExchange loop.
 * - BigInt64/BigUint64: the same, with BigInt Atomics.
 * - Float32, Float64 and Uint8Clamped, which Atomics cannot address: a compareExchange loop on
 *   the element's bit pattern, through an integer view of the same memory (Int32, BigInt64,
 *   Uint8). We chose this over a striped lock array because it is lock-free: with more ranks
 *   than cores, a rank preempted while holding a stripe lock would stall every other rank
 *   accumulating into that stripe for a whole time slice, and a rank that died holding it would
 *   hang them; a CAS loop only ever retries while another rank succeeds. It also needs no extra
 *   shared memory, and stays atomic against Atomics-based calls on the same element. The cost
 *   is a BigInt per attempt for Float64, a few hundred nanoseconds.
 *
 * Compare_and_swap on floating-point elements compares bit patterns (as MPI implementations
 * compare bytes): -0 and +0 differ, and a NaN equals the same NaN.
 */
import type { TypedArray } from '../protocol/dtypes.js';
import { BIGINT_COMBINE, FLOAT_COMBINE, INTEGER_COMBINE, type AccumulateOp } from './accumulate-ops.js';

export type ElementValue = number | bigint;

export interface AtomicCells {
  /** Floating-point elements: logical and bitwise ops are not defined on them. */
  readonly float: boolean;
  /** Elements are bigint (BigInt64/BigUint64) rather than number. */
  readonly bigint: boolean;
  /** Set element i to op(element, operand) atomically; returns the element's previous value. */
  fetchAndOp(i: number, operand: ElementValue, op: AccumulateOp): ElementValue;
  /** Replace element i by `value` if it equals `compare`, atomically; returns its previous value. */
  compareAndSwap(i: number, compare: ElementValue, value: ElementValue): ElementValue;
  /** `value` as an element would hold it (wrapped, rounded or clamped to the element type). */
  toElement(value: ElementValue): ElementValue;
}

/** What every family shares: converting a scalar operand the way a store into the array would. */
abstract class Cells {
  private readonly scratch: { [i: number]: ElementValue };
  constructor(view: TypedArray) {
    this.scratch = new (view.constructor as new (n: number) => TypedArray)(1);
  }
  toElement(value: ElementValue): ElementValue {
    this.scratch[0] = value;
    return this.scratch[0]!;
  }
}

type IntegerArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
type BigIntArray = BigInt64Array | BigUint64Array;

class IntegerCells extends Cells implements AtomicCells {
  readonly float = false;
  readonly bigint = false;
  constructor(private readonly a: IntegerArray) {
    super(a);
  }

  fetchAndOp(i: number, v: number, op: AccumulateOp): number {
    const a = this.a;
    switch (op) {
      case 'SUM': return Atomics.add(a, i, v);
      case 'BAND': return Atomics.and(a, i, v);
      case 'BOR': return Atomics.or(a, i, v);
      case 'BXOR': return Atomics.xor(a, i, v);
      case 'REPLACE': return Atomics.exchange(a, i, v);
      case 'NO_OP': return Atomics.load(a, i);
    }
    const combine = INTEGER_COMBINE[op];
    for (;;) {
      const old = Atomics.load(a, i);
      if (Atomics.compareExchange(a, i, old, combine(old, v)) === old) return old;
    }
  }

  compareAndSwap(i: number, compare: number, value: number): number {
    return Atomics.compareExchange(this.a, i, compare, value);
  }
}

class BigIntCells extends Cells implements AtomicCells {
  readonly float = false;
  readonly bigint = true;
  constructor(private readonly a: BigIntArray) {
    super(a);
  }

  fetchAndOp(i: number, v: bigint, op: AccumulateOp): bigint {
    const a = this.a;
    switch (op) {
      case 'SUM': return Atomics.add(a, i, v);
      case 'BAND': return Atomics.and(a, i, v);
      case 'BOR': return Atomics.or(a, i, v);
      case 'BXOR': return Atomics.xor(a, i, v);
      case 'REPLACE': return Atomics.exchange(a, i, v);
      case 'NO_OP': return Atomics.load(a, i);
    }
    const combine = BIGINT_COMBINE[op];
    for (;;) {
      const old = Atomics.load(a, i);
      if (Atomics.compareExchange(a, i, old, combine(old, v)) === old) return old;
    }
  }

  compareAndSwap(i: number, compare: bigint, value: bigint): bigint {
    return Atomics.compareExchange(this.a, i, compare, value);
  }
}

/** How a non-atomic element type maps to the integer bit pattern Atomics can address. */
interface BitCodec<B extends number | bigint> {
  load(i: number): B;
  exchange(i: number, bits: B): B;
  compareExchange(i: number, expected: B, bits: B): B;
  decode(bits: B): number;
  encode(x: number): B;
}

class BitPatternCells<B extends number | bigint> extends Cells implements AtomicCells {
  readonly bigint = false;
  constructor(view: TypedArray, private readonly codec: BitCodec<B>, readonly float: boolean) {
    super(view);
  }

  fetchAndOp(i: number, v: number, op: AccumulateOp): number {
    const c = this.codec;
    if (op === 'NO_OP') return c.decode(c.load(i));
    if (op === 'REPLACE') return c.decode(c.exchange(i, c.encode(v)));
    const combine = FLOAT_COMBINE[op];
    for (;;) {
      const bits = c.load(i);
      const next = c.encode(combine(c.decode(bits), v));
      // Compare bits, not values: a NaN never equals itself, and the loop must end once the
      // element is unchanged since our load.
      if (c.compareExchange(i, bits, next) === bits) return c.decode(bits);
    }
  }

  compareAndSwap(i: number, compare: number, value: number): number {
    const c = this.codec;
    return c.decode(c.compareExchange(i, c.encode(compare), c.encode(value)));
  }
}

function float32Codec(view: Float32Array): BitCodec<number> {
  const cells = new Int32Array(view.buffer, view.byteOffset, view.length);
  const scratchBits = new Int32Array(1);
  const scratch = new Float32Array(scratchBits.buffer);
  return {
    load: (i) => Atomics.load(cells, i),
    exchange: (i, bits) => Atomics.exchange(cells, i, bits),
    compareExchange: (i, expected, bits) => Atomics.compareExchange(cells, i, expected, bits),
    decode: (bits) => ((scratchBits[0] = bits), scratch[0]!),
    encode: (x) => ((scratch[0] = x), scratchBits[0]!),
  };
}

function float64Codec(view: Float64Array): BitCodec<bigint> {
  const cells = new BigInt64Array(view.buffer, view.byteOffset, view.length);
  const scratchBits = new BigInt64Array(1);
  const scratch = new Float64Array(scratchBits.buffer);
  return {
    load: (i) => Atomics.load(cells, i),
    exchange: (i, bits) => Atomics.exchange(cells, i, bits),
    compareExchange: (i, expected, bits) => Atomics.compareExchange(cells, i, expected, bits),
    decode: (bits) => ((scratchBits[0] = bits), scratch[0]!),
    encode: (x) => ((scratch[0] = x), scratchBits[0]!),
  };
}

/** Uint8Clamped: same bytes as Uint8, but results saturate at 0 and 255 (and round), as a store to the array would. */
function clampedCodec(view: Uint8ClampedArray): BitCodec<number> {
  const cells = new Uint8Array(view.buffer, view.byteOffset, view.length);
  const scratch = new Uint8ClampedArray(1);
  return {
    load: (i) => Atomics.load(cells, i),
    exchange: (i, bits) => Atomics.exchange(cells, i, bits),
    compareExchange: (i, expected, bits) => Atomics.compareExchange(cells, i, expected, bits),
    decode: (bits) => bits,
    encode: (x) => ((scratch[0] = x), scratch[0]!),
  };
}

/** Atomic access to the elements of `view` (memory in a SharedArrayBuffer). */
export function atomicCellsOf(view: TypedArray): AtomicCells {
  if (view instanceof Float64Array) return new BitPatternCells(view, float64Codec(view), true);
  if (view instanceof Float32Array) return new BitPatternCells(view, float32Codec(view), true);
  if (view instanceof Uint8ClampedArray) return new BitPatternCells(view, clampedCodec(view), false);
  if (view instanceof BigInt64Array || view instanceof BigUint64Array) return new BigIntCells(view);
  return new IntegerCells(view);
}
