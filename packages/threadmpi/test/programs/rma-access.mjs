// Rank programs for test/rma-access.test.ts: Put, Get and every accumulate on every element type,
// with offsets, sentinels around what is written, derived origin layouts, PROC_NULL targets, and
// the errors of bad accesses (mpi4py's test_rma.py, plus what it cannot check in C memory).
import {
  BAND, BOR, BXOR, FLOAT64, LAND, LOCK_SHARED, LOR, LXOR, MAX, MAXLOC, MIN, NO_OP, Op, PROC_NULL, PROD, REPLACE, SUM, Win,
} from 'threadmpi';
import { ARRAY_TYPES, Checks, arrayOf, el, errorOf, isBig, isFloat, onComm } from './rma-support.mjs';

const SENTINEL = 99;
const ARITHMETIC = { SUM, PROD, MAX, MIN };
const INTEGER_ONLY = { LAND, LOR, LXOR, BAND, BOR, BXOR };

function opsFor(T) {
  return isFloat(T) ? { ...ARITHMETIC, REPLACE, NO_OP } : { ...ARITHMETIC, ...INTEGER_ONLY, REPLACE, NO_OP };
}

/** What `a op b` stores into a T, written independently of the library (a store wraps/rounds/clamps). */
function reference(T, name, a, b) {
  const out = new T(1);
  const truth = (x) => el(T, x ? 1 : 0);
  switch (name) {
    case 'SUM': out[0] = a + b; break;
    case 'PROD': out[0] = a * b; break;
    case 'MAX': out[0] = a > b ? a : b; break;
    case 'MIN': out[0] = a < b ? a : b; break;
    case 'LAND': out[0] = truth(a != 0 && b != 0); break;
    case 'LOR': out[0] = truth(a != 0 || b != 0); break;
    case 'LXOR': out[0] = truth((a != 0) !== (b != 0)); break;
    case 'BAND': out[0] = a & b; break;
    case 'BOR': out[0] = a | b; break;
    case 'BXOR': out[0] = a ^ b; break;
    case 'REPLACE': out[0] = b; break;
    case 'NO_OP': out[0] = a; break;
  }
  return out[0];
}

const PUT_GET_COUNTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 70];
const PUT_GET_WINDOW = 80;
/** What rank r puts as element k: small enough for Int8, never the sentinel. */
const putValue = (r, k) => r * 10 + (k % 50);

/**
 * Put then Get (into a [buf, count] spec and into a plain array), for every type, counts 0..9
 * (mpi4py's) and 70 (past the small-copy loop, on to memcpy, for every element size) and
 * displacements 0 and 2: each round every rank writes to a different target; the target checks
 * that exactly the written range changed.
 */
export function putGet(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const check = new Checks();
    for (const T of ARRAY_TYPES) {
      const win = Win.Allocate(comm, PUT_GET_WINDOW, T);
      for (const count of PUT_GET_COUNTS) {
        for (const disp of [0, 2]) {
          for (let shift = 0; shift < size; shift++) {
            const target = (rank + shift) % size;
            const writer = (rank - shift + size) % size;
            const what = `${T.name} count ${count} disp ${disp} shift ${shift}`;
            win.local.fill(el(T, SENTINEL));
            const sent = arrayOf(T, Array.from({ length: count }, (_, k) => putValue(rank, k)));
            const got = new T(count + 1).fill(el(T, SENTINEL));
            const plain = new T(count);
            win.Fence();
            win.Put(sent, target, disp);
            win.Fence();
            win.Get([got, count], target, disp);
            win.Get(plain, target, disp);
            win.Fence();
            for (let k = 0; k < count; k++) {
              check.equal(got[k], el(T, putValue(rank, k)), `${what}: Get element ${k}`);
              check.equal(plain[k], el(T, putValue(rank, k)), `${what}: Get into a plain array, element ${k}`);
            }
            check.equal(got[count], el(T, SENTINEL), `${what}: Get wrote past its count`);
            for (let i = 0; i < PUT_GET_WINDOW; i++) {
              const inside = i >= disp && i < disp + count;
              check.equal(win.local[i], el(T, inside ? putValue(writer, i - disp) : SENTINEL), `${what}: target element ${i}`);
            }
          }
        }
      }
      win.Free();
    }
    return check.failures;
  });
}

/**
 * The copy paths of Put and Get by length: a hand loop in 32-bit words on the 4-byte grid or in
 * element words off it, set(), one memcpy from 8 KiB on. Origins start inside a larger array (off
 * the grid for 1- and 2-byte types), targets at several displacements, a sentinel on both sides.
 * Rank r puts into rank r + 1 and gets it back. Also: a Buffer is a Uint8Array origin.
 */
export function copyPaths(comm) {
  const { rank, size } = comm;
  const target = (rank + 1) % size;
  const writer = (rank - 1 + size) % size;
  const check = new Checks();
  const value = (r, k) => ((r * 31 + k * 7) % 97) + 1;
  for (const T of ARRAY_TYPES) {
    const long = Math.ceil(8192 / T.BYTES_PER_ELEMENT) + 3;
    const win = Win.Allocate(comm, long + 8, T);
    for (const count of [1, 2, 3, 4, 7, 8, 9, 33, long]) {
      for (const disp of [0, 1, 2, 3]) {
        for (const originAt of [0, 1, 3]) {
          const what = `${T.name} count ${count} disp ${disp} origin at ${originAt}`;
          win.local.fill(el(T, SENTINEL));
          const whole = new T(originAt + count + 1).fill(el(T, SENTINEL));
          const sent = whole.subarray(originAt, originAt + count);
          for (let k = 0; k < count; k++) sent[k] = el(T, value(rank, k));
          const back = new T(originAt + count + 1).fill(el(T, SENTINEL));
          win.Fence();
          win.Put(sent, target, disp);
          win.Fence();
          win.Get(back.subarray(originAt, originAt + count), target, disp);
          win.Fence();
          let wrong = 0;
          for (let k = 0; k < count; k++) if (back[originAt + k] !== el(T, value(rank, k))) wrong++;
          check.equal(wrong, 0, `${what}: elements got back wrong`);
          check.equal(back[originAt + count], el(T, SENTINEL), `${what}: Get wrote past its count`);
          if (originAt > 0) check.equal(back[originAt - 1], el(T, SENTINEL), `${what}: Get wrote before its start`);
          const misplaced = [0, 0];
          for (let i = 0; i < win.local.length; i++) {
            const inside = i >= disp && i < disp + count;
            if (win.local[i] !== el(T, inside ? value(writer, i - disp) : SENTINEL)) misplaced[inside ? 0 : 1]++;
          }
          check.equal(misplaced[0], 0, `${what}: target elements put wrong`);
          check.equal(misplaced[1], 0, `${what}: elements written outside the target range`);
        }
      }
    }
    win.Free();
  }
  const win = Win.Allocate(comm, 16, Uint8Array);
  win.Fence();
  win.Put(Buffer.from([1, 2, 3, 4, 5]), target, 1);
  win.Fence();
  check.equal(Array.from(win.local.subarray(0, 7)).join(), '0,1,2,3,4,5,0', 'a Buffer origin');
  win.Free();
  return check.failures;
}

/**
 * Accumulate with every op valid for the type: all ranks combine into one target in the same
 * epoch (the accumulates are atomic per element, so the result is the fold over all ranks), at
 * displacement 1 of 6 elements; elements 0, 4 and 5 must stay as they were.
 */
export function accumulate(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const check = new Checks();
    const base = [2, 3, 4, 5, 6, 7];
    const contribution = (r) => [0, 1, 2].map((k) => ((r + k) % 3) + 1);
    for (const T of ARRAY_TYPES) {
      const win = Win.Allocate(comm, 6, T);
      for (const [name, op] of Object.entries(opsFor(T))) {
        for (let target = 0; target < size; target++) {
          const what = `${T.name} ${name} target ${target}`;
          win.local.set(arrayOf(T, base));
          win.Fence();
          win.Accumulate(arrayOf(T, contribution(rank)), target, 1, op);
          win.Fence();
          if (rank !== target) continue;
          for (let i = 0; i < 6; i++) {
            if (i < 1 || i > 3) {
              check.equal(win.local[i], el(T, base[i]), `${what}: element ${i} outside the accumulated range`);
            } else if (name === 'REPLACE') {
              // Concurrent REPLACEs: each element ends as one origin's value, never a mixture of bits.
              const candidates = Array.from({ length: size }, (_, r) => el(T, contribution(r)[i - 1]));
              check.that(candidates.includes(win.local[i]), `${what}: element ${i} is ${win.local[i]}, not any origin's value`);
            } else {
              let want = el(T, base[i]);
              for (let r = 0; r < size; r++) want = reference(T, name, want, el(T, contribution(r)[i - 1]));
              check.equal(win.local[i], want, `${what}: element ${i}`);
            }
          }
        }
      }
      win.Free();
    }
    return check.failures;
  });
}

/**
 * Get_accumulate as mpi4py tests it: under an exclusive lock, Put ones, Get_accumulate 0..count-1
 * (result: the ones), then Get (the combined values); sentinels after both results.
 */
export function getAccumulate(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const check = new Checks();
    for (const T of ARRAY_TYPES) {
      const win = Win.Allocate(comm, 5, T);
      for (const [name, op] of Object.entries(opsFor(T))) {
        for (let shift = 0; shift < size; shift++) {
          const target = (rank + shift) % size;
          const count = 4;
          const what = `${T.name} ${name} target ${target}`;
          const ones = arrayOf(T, new Array(count).fill(1));
          const sent = arrayOf(T, Array.from({ length: count }, (_, i) => i));
          const result = new T(count + 1).fill(el(T, SENTINEL));
          const after = new T(count + 1).fill(el(T, SENTINEL));
          win.Lock(target);
          win.Put(ones, target);
          win.Get_accumulate(sent, [result, count], target, 0, op);
          win.Get([after, count], target);
          win.Unlock(target);
          for (let i = 0; i < count; i++) {
            check.equal(result[i], el(T, 1), `${what}: old value ${i}`);
            check.equal(after[i], reference(T, name, el(T, 1), el(T, i)), `${what}: new value ${i}`);
          }
          check.equal(result[count], el(T, SENTINEL), `${what}: result sentinel`);
          check.equal(after[count], el(T, SENTINEL), `${what}: Get sentinel`);
        }
      }
      // NO_OP needs no origin: an atomic read (after a Fence, once every rank's rounds are over).
      win.Fence();
      const read = new T(2);
      win.Lock(rank, LOCK_SHARED);
      win.Get_accumulate(null, read, rank, 2, NO_OP);
      win.Unlock(rank);
      check.equal(read[0], reference(T, 'NO_OP', el(T, 1), el(T, 2)), `${T.name}: Get_accumulate(null, NO_OP)`);
      win.Fence();
      win.Free();
    }
    return check.failures;
  });
}

/** Fetch_and_op from every rank at once: SUM hands out distinct old values, MAX keeps the largest. */
export function fetchAndOp(world, which) {
  return onComm(world, which, (comm) => {
    const { rank, size } = comm;
    const out = {};
    for (const T of ARRAY_TYPES) {
      const win = Win.Allocate(comm, 2, T);
      win.Lock_all();
      const old = win.Fetch_and_op(el(T, 1), 0, 1, SUM);
      win.Fetch_and_op(el(T, rank + 5), 0, 0, MAX);
      win.Flush(0);
      win.Unlock_all();
      win.Fence();
      win.Lock(0, LOCK_SHARED);
      const sum = win.Fetch_and_op(undefined, 0, 1, NO_OP);
      const max = win.Fetch_and_op(undefined, 0, 0, NO_OP);
      win.Unlock(0);
      win.Fence();
      win.Free();
      out[T.name] = { old: Number(old), sum: Number(sum), max: Number(max), oldType: typeof old, size };
    }
    return out;
  });
}

/** Compare_and_swap from every rank on one element that holds 0: exactly one rank wins. */
export function compareAndSwap(world, which) {
  return onComm(world, which, (comm) => {
    const { rank } = comm;
    const out = {};
    for (const T of ARRAY_TYPES) {
      const win = Win.Allocate(comm, 1, T);
      win.Lock_all();
      const old = win.Compare_and_swap(el(T, rank + 1), el(T, 0), 0, 0);
      win.Unlock_all();
      win.Fence();
      const final = rank === 0 ? Number(win.local[0]) : null;
      win.Fence();
      win.Free();
      out[T.name] = { old: Number(old), final };
    }
    return out;
  });
}

/** What one element becomes under single accumulates at the edges of each type's range. */
export function elementSemantics(world) {
  const cases = [
    [Uint8Array, 250, SUM, 10],
    [Uint8ClampedArray, 250, SUM, 10],
    [Uint8ClampedArray, 100, PROD, 3],
    [Int8Array, 100, PROD, 3],
    [Int32Array, 0x10001, PROD, 0x10001],
    [Uint32Array, 7, MAX, -1],
    [Uint16Array, 0xf0f0, BXOR, 0xffff],
    [BigInt64Array, 2n ** 63n - 1n, SUM, 1n],
    [BigUint64Array, 3n, PROD, 2n ** 63n],
    [Float32Array, 16777216, SUM, 1],
    [Float64Array, 0.1, SUM, 0.2],
    [Int16Array, 5, LXOR, 3],
  ];
  return cases.map(([T, start, op, operand]) => {
    const win = Win.Allocate(world, 1, T);
    win.local[0] = start;
    win.Lock(world.rank, LOCK_SHARED);
    const old = win.Fetch_and_op(operand, world.rank, 0, op);
    win.Unlock(world.rank);
    const now = win.local[0];
    win.Free();
    return { type: T.name, op: op.name, old: String(old), now: String(now) };
  });
}

/** Compare_and_swap on floats compares bit patterns: -0 is not 0, and NaN matches NaN. */
export function floatCompareBits(world) {
  const win = Win.Allocate(world, 1, Float64Array);
  const me = world.rank;
  win.Lock(me);
  win.local[0] = 0;
  const negZero = [win.Compare_and_swap(5, -0, me, 0), win.local[0]];
  const posZero = [win.Compare_and_swap(5, 0, me, 0), win.local[0]];
  win.local[0] = NaN;
  const nan = [win.Compare_and_swap(1, NaN, me, 0), win.local[0]];
  win.Unlock(me);
  win.Free();
  return { negZero, posZero, nan: nan.map(String) };
}

/**
 * Put and Get move bits, not numbers: a signalling NaN's payload in Float32 and Float64 survives
 * both, for one element (the small-copy loop) and for many (memcpy). Returns the bit patterns
 * read back, as hex strings, per type and count.
 */
export function nanBits(world) {
  const patterns = { Float32Array: [Uint32Array, 0x7f800001], Float64Array: [BigUint64Array, 0x7ff0000000000001n] };
  const out = {};
  for (const [name, [Bits, pattern]] of Object.entries(patterns)) {
    const T = globalThis[name];
    for (const count of [1, 40]) {
      const win = Win.Allocate(world, count, T);
      const origin = new T(count);
      new Bits(origin.buffer).fill(pattern);
      const back = new T(count);
      win.Lock(world.rank);
      win.Put(origin, world.rank);
      win.Get(back, world.rank);
      win.Unlock(world.rank);
      out[`${name} x${count}`] = [...new Set([...new Bits(back.buffer), ...new Bits(win.local.buffer, win.local.byteOffset, count)].map((b) => b.toString(16)))];
      win.Free();
    }
  }
  return out;
}

/** A derived datatype or a count on the origin side: strided origin, contiguous target. */
export function derivedOrigins(world) {
  const { rank, size } = world;
  const target = (rank + 1) % size;
  const column = FLOAT64.Create_vector(3, 1, 2).Commit();
  const win = Win.Allocate(world, 4, Float64Array);
  const strided = Float64Array.of(1, -1, 2, -1, 3);
  const back = new Float64Array(5).fill(-7);
  win.Fence();
  win.Put([strided, 1, column], target, 1);
  win.Fence();
  const local = Array.from(win.local);
  win.Get([back, 1, column], target, 1);
  win.Fence();
  win.Accumulate([Float64Array.of(10, 20, 30), 2], target, 0, SUM);
  win.Fence();
  const afterAccumulate = Array.from(win.local);
  win.Fence();
  win.Free();
  column.Free();
  return { local, back: Array.from(back), afterAccumulate };
}

/** RMA calls to PROC_NULL do nothing and return nothing, with or without an epoch. */
export function procNull(world) {
  const win = Win.Allocate(world, 2, Int32Array);
  const results = [
    errorOf(() => win.Put(null, PROC_NULL)),
    errorOf(() => win.Get(null, PROC_NULL)),
  ];
  win.Fence();
  results.push(
    errorOf(() => win.Put(null, PROC_NULL, 0)),
    errorOf(() => win.Get(null, PROC_NULL, 0)),
    errorOf(() => win.Accumulate(null, PROC_NULL, 0, SUM)),
    errorOf(() => win.Get_accumulate(null, null, PROC_NULL, 0, SUM)),
    errorOf(() => win.Lock(PROC_NULL)),
    errorOf(() => win.Flush(PROC_NULL)),
    errorOf(() => win.Unlock(PROC_NULL)),
  );
  const fop = win.Fetch_and_op(1, PROC_NULL, 0, SUM);
  const cas = win.Compare_and_swap(1, 0, PROC_NULL, 0);
  win.Fence();
  const local = Array.from(win.local);
  win.Free();
  return { results, fop, cas, local };
}

/**
 * Out-of-range accesses raise ERR_RMA_RANGE and write nothing. The window is Allocate_shared, so
 * rank 0's part is followed in memory by rank 1's: a write past rank 0's end would land there.
 */
export function rangeErrors(world) {
  const { rank, size } = world;
  const win = Win.Allocate_shared(world, 4, Float64Array);
  for (let i = 0; i < 4; i++) win.local[i] = 10 * rank + i + 1;
  const result = new Float64Array(2).fill(-5);
  win.Fence();
  const errors = {};
  for (const target of [0, size - 1]) {
    Object.assign(errors, {
      [`Put past the end of ${target}`]: errorOf(() => win.Put(Float64Array.of(7, 7), target, 3)),
      [`Put before the start of ${target}`]: errorOf(() => win.Put(Float64Array.of(7), target, -1)),
      [`Put larger than ${target}`]: errorOf(() => win.Put(new Float64Array(5).fill(7), target, 0)),
      [`Get past the end of ${target}`]: errorOf(() => win.Get(result, target, 3)),
      [`Accumulate past the end of ${target}`]: errorOf(() => win.Accumulate(Float64Array.of(1, 1), target, 3, SUM)),
      [`Get_accumulate past the end of ${target}`]: errorOf(() => win.Get_accumulate(Float64Array.of(1, 1), result, target, 3, SUM)),
      [`Fetch_and_op at the end of ${target}`]: errorOf(() => win.Fetch_and_op(1, target, 4, SUM)),
      [`Compare_and_swap at the end of ${target}`]: errorOf(() => win.Compare_and_swap(1, 4, target, 4)),
      [`fractional displacement on ${target}`]: errorOf(() => win.Put(Float64Array.of(7), target, 1.5)),
    });
  }
  win.Fence();
  const everything = Array.from({ length: size }, (_, r) => Array.from(win.Shared_query(r)));
  win.Free();
  return { errors, everything, result: Array.from(result) };
}

/** Mismatched element types, ops a type does not support, bad ranks and bad buffers. */
export function argumentErrors(world) {
  const win = Win.Allocate(world, 4, Float64Array);
  const bigWin = Win.Allocate(world, 4, BigInt64Array);
  const userOp = Op.Create((a, b) => b);
  win.Fence();
  bigWin.Fence();
  const errors = {
    'Put of Int32Array into Float64Array': errorOf(() => win.Put(Int32Array.of(1), 0)),
    'Get into Float32Array from Float64Array': errorOf(() => win.Get(new Float32Array(1), 0)),
    'Fetch_and_op with a bigint on Float64Array': errorOf(() => win.Fetch_and_op(1n, 0)),
    'Fetch_and_op with a number on BigInt64Array': errorOf(() => bigWin.Fetch_and_op(1, 0)),
    'Compare_and_swap with a string': errorOf(() => win.Compare_and_swap('1', 0, 0)),
    'BAND on Float64Array': errorOf(() => win.Accumulate(Float64Array.of(1), 0, 0, BAND)),
    'LAND on Float64Array': errorOf(() => win.Accumulate(Float64Array.of(1), 0, 0, LAND)),
    'MAXLOC': errorOf(() => win.Accumulate(Float64Array.of(1, 0), 0, 0, MAXLOC)),
    'a user-defined op': errorOf(() => win.Accumulate(Float64Array.of(1), 0, 0, userOp)),
    'an op name instead of an Op': errorOf(() => win.Accumulate(Float64Array.of(1), 0, 0, 'SUM')),
    'target rank out of range': errorOf(() => win.Put(Float64Array.of(1), world.size)),
    'negative target rank': errorOf(() => win.Put(Float64Array.of(1), -5)),
    'origin not a buffer': errorOf(() => win.Put('abc', 0)),
    'Get_accumulate counts differ': errorOf(() => win.Get_accumulate(Float64Array.of(1, 2), new Float64Array(1), 0, 0, SUM)),
    'Allocate of a negative count': errorOf(() => Win.Allocate(world, -1)),
    'Allocate of a fractional count': errorOf(() => Win.Allocate(world, 2.5)),
    'Allocate of a non-typed-array type': errorOf(() => Win.Allocate(world, 2, Array)),
  };
  win.Fence();
  bigWin.Fence();
  const untouched = Array.from(win.local);
  win.Free();
  bigWin.Free();
  return { errors, untouched };
}
