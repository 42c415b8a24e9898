// Every predefined operation on every typed-array type, through Allreduce and Reduce, against a
// reference computed with exact (BigInt) arithmetic and each type's wrap-around or rounding.
import { BAND, BOR, BXOR, LAND, LOR, LXOR, MAX, MAXLOC, MIN, MINLOC, NO_OP, Op, PROD, REPLACE, SUM, setCollectiveAlgorithm } from 'threadmpi';
import { Report } from './coll-reference.mjs';

const INTEGER_TYPES = [
  [Int8Array, 8, true], [Uint8Array, 8, false], [Int16Array, 16, true], [Uint16Array, 16, false],
  [Int32Array, 32, true], [Uint32Array, 32, false], [BigInt64Array, 64, true], [BigUint64Array, 64, false],
];
const FLOAT_TYPES = [Float32Array, Float64Array];
const ARITHMETIC = { SUM, PROD, MAX, MIN, LAND, LOR, LXOR };
const BITWISE = { BAND, BOR, BXOR };
/** Elements per operand: short by default; `predefined(comm, n)` runs longer vectors. */
let N = 9;

/** Rank r's operand: a mix of signs, zeros and values large enough to overflow small types. */
function operand(Type, rank) {
  const big = Type === BigInt64Array || Type === BigUint64Array;
  const a = new Type(N);
  for (let i = 0; i < N; i++) {
    const v = i === 0 ? 0 : ((rank * 7919 + i * 104729) % 2001) - 1000;
    a[i] = big ? BigInt(v) * 4611686018427n : v;
  }
  return a;
}

/** Small integers for floating-point operands, so sums and products stay exact. */
function floatOperand(Type, rank) {
  return Type.from({ length: N }, (_, i) => (i === 0 ? 0 : ((rank + 2 * i) % 5) - 2));
}

function integerReference(name, bits, signed, values) {
  const wrap = (x) => (signed ? BigInt.asIntN(bits, x) : BigInt.asUintN(bits, x));
  const fold = {
    SUM: (a, b) => wrap(a + b), PROD: (a, b) => wrap(a * b),
    MAX: (a, b) => (a > b ? a : b), MIN: (a, b) => (a < b ? a : b),
    LAND: (a, b) => (a !== 0n && b !== 0n ? 1n : 0n), LOR: (a, b) => (a !== 0n || b !== 0n ? 1n : 0n),
    LXOR: (a, b) => ((a !== 0n) !== (b !== 0n) ? 1n : 0n),
    BAND: (a, b) => wrap(a & b), BOR: (a, b) => wrap(a | b), BXOR: (a, b) => wrap(a ^ b),
  }[name];
  return values.map((v) => BigInt(v)).reduce(fold);
}

function floatReference(name, round, values) {
  const fold = {
    SUM: (a, b) => round(a + b), PROD: (a, b) => round(a * b), MAX: (a, b) => Math.max(a, b), MIN: (a, b) => Math.min(a, b),
    LAND: (a, b) => (a !== 0 && b !== 0 ? 1 : 0), LOR: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
    LXOR: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
  }[name];
  return values.reduce(fold);
}

/**
 * `n` elements per operand; `algorithms` forces Allreduce's and Reduce's (shm_sliced with a long
 * vector reaches the SIMD loops, collectives/ops/simd-kernels.ts, with a JS tail when n is odd).
 */
export function predefined(comm, n = 9, algorithms = null) {
  N = n;
  if (algorithms !== null) for (const c of ['allreduce', 'reduce']) setCollectiveAlgorithm(c, algorithms);
  try {
    return predefinedChecks(comm);
  } finally {
    if (algorithms !== null) for (const c of ['allreduce', 'reduce']) setCollectiveAlgorithm(c, null);
  }
}

function predefinedChecks(comm) {
  const report = new Report(comm);
  const { size } = comm;
  for (const [Type, bits, signed] of INTEGER_TYPES) {
    const big = Type === BigInt64Array || Type === BigUint64Array;
    const operands = Array.from({ length: size }, (_, rank) => operand(Type, rank));
    for (const [name, op] of Object.entries({ ...ARITHMETIC, ...BITWISE })) {
      const out = new Type(N);
      comm.Allreduce(operands[comm.rank], out, op);
      const expected = Type.from({ length: N }, (_, i) => {
        const r = integerReference(name, bits, signed, operands.map((a) => a[i]));
        return big ? r : Number(r);
      });
      report.same(`${Type.name} ${name}`, expected, out);
    }
  }
  for (const Type of FLOAT_TYPES) {
    const round = Type === Float32Array ? Math.fround : (x) => x;
    const operands = Array.from({ length: size }, (_, r) => floatOperand(Type, r));
    for (const [name, op] of Object.entries(ARITHMETIC)) {
      const out = new Type(N);
      comm.Reduce(operands[comm.rank], comm.rank === 0 ? out : null, op, 0);
      if (comm.rank !== 0) continue;
      const expected = Type.from({ length: N }, (_, i) => floatReference(name, round, operands.map((a) => a[i])));
      report.same(`${Type.name} ${name}`, expected, out);
    }
  }
  return { checks: report.checks, failures: report.failures };
}

/** MAXLOC/MINLOC on (value, index) pairs, with ties; REPLACE and NO_OP in rank order. */
export function pairsAndOrder(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  for (const Type of [Float64Array, Int32Array]) {
    // Pair k of rank r: value (k + r) % 3, index r * 10 + k. Several ranks tie on the best value.
    const pairs = Type.from({ length: 8 }, (_, j) => (j % 2 === 0 ? ((j / 2 + rank) % 3) : rank * 10 + (j - 1) / 2));
    for (const [name, op, better] of [['MAXLOC', MAXLOC, (a, b) => a > b], ['MINLOC', MINLOC, (a, b) => a < b]]) {
      const out = new Type(8);
      comm.Allreduce(pairs, out, op);
      const expected = new Type(8);
      for (let k = 0; k < 4; k++) {
        let best = null;
        for (let r = 0; r < size; r++) {
          const v = (k + r) % 3;
          if (best === null || better(v, best[0])) best = [v, r * 10 + k];
        }
        expected.set(best, 2 * k);
      }
      report.same(`${Type.name} ${name}`, expected, out);
    }
  }
  const mine = Float64Array.of(rank, rank * 2);
  const replaced = new Float64Array(2);
  comm.Allreduce(mine, replaced, REPLACE);
  report.same('REPLACE keeps the last rank', Float64Array.of(size - 1, 2 * (size - 1)), replaced);
  const kept = new Float64Array(2);
  comm.Allreduce(mine, kept, NO_OP);
  report.same('NO_OP keeps the first rank', Float64Array.of(0, 0), kept);
  report.equal('value MAXLOC, ties to the smaller index', size === 1 ? [1, 0] : [2, 1], comm.allreduce([rank === 0 ? 1 : 2, rank], MAXLOC));
  report.equal('value MINLOC', [0, 0], comm.allreduce([rank, rank], MINLOC));
  report.equal('value REPLACE', size - 1, comm.allreduce(rank, REPLACE));
  return { checks: report.checks, failures: report.failures };
}

/**
 * Op.Create: one function serves both forms (values get fn(a, b), typed arrays fn(invec,
 * inoutvec)); a commutative user op may be combined in any order, a non-commutative one in rank
 * order only, for every reduction collective and for BigInt64 arrays too.
 */
export function userOps(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const hypot = Op.Create((a, b) => {
    if (!ArrayBuffer.isView(a)) return Math.hypot(a, b);
    for (let i = 0; i < b.length; i++) b[i] = Math.hypot(a[i], b[i]);
  }, true);
  report.check('Op.Create: commutative by default', hypot.Is_commutative() ? null : 'not commutative');
  const v = Float64Array.of(3 * rank, 4 * rank, rank);
  const out = new Float64Array(3);
  comm.Allreduce(v, out, hypot);
  const norm = (k) => Math.hypot(...Array.from({ length: size }, (_, r) => k * r));
  report.check('typed user op', [norm(3), norm(4), norm(1)].every((x, i) => Math.abs(x - out[i]) < 1e-9) ? null : `got ${Array.from(out)}`);
  report.check('value user op', Math.abs(comm.allreduce(rank, hypot) - norm(1)) < 1e-9 ? null : 'wrong value');

  // Non-commutative on BigInt64: decimal concatenation of digit strings without zeros (associative,
  // as MPI requires), so the result spells every rank's digit in rank order.
  const concat = (a, b) => a * 10n ** BigInt(String(b).length) + b;
  const digits = Op.Create((a, b) => {
    if (!ArrayBuffer.isView(a)) return concat(a, b);
    for (let i = 0; i < b.length; i++) b[i] = concat(a[i], b[i]);
  }, false);
  const mine = BigInt64Array.of(BigInt(rank + 1), BigInt(size - rank));
  const expect = (from, upTo) => {
    let x = 0n, y = 0n;
    for (let r = from; r < upTo; r++) {
      x = x === 0n ? BigInt(r + 1) : concat(x, BigInt(r + 1));
      y = y === 0n ? BigInt(size - r) : concat(y, BigInt(size - r));
    }
    return BigInt64Array.of(x, y);
  };
  const all = new BigInt64Array(2);
  comm.Allreduce(mine, all, digits);
  report.same('BigInt64 non-commutative Allreduce', expect(0, size), all);
  const root = size - 1;
  const reduced = rank === root ? new BigInt64Array(2) : null;
  comm.Reduce(mine, reduced, digits, root);
  if (rank === root) report.same('BigInt64 non-commutative Reduce at the last rank', expect(0, size), reduced);
  const scanned = new BigInt64Array(2);
  comm.Scan(mine, scanned, digits);
  report.same('BigInt64 non-commutative Scan', expect(0, rank + 1), scanned);
  const ex = new BigInt64Array(2).fill(-1n);
  comm.Exscan(mine, ex, digits);
  report.same('BigInt64 non-commutative Exscan', rank === 0 ? BigInt64Array.of(-1n, -1n) : expect(0, rank), ex);
  const block = new BigInt64Array(2);
  const blocks = new BigInt64Array(2 * size);
  for (let r = 0; r < size; r++) blocks.set(mine, 2 * r);
  comm.Reduce_scatter_block(blocks, block, digits);
  report.same('BigInt64 non-commutative Reduce_scatter_block', expect(0, size), block);
  report.equal('value non-commutative allreduce', expect(0, size)[0], comm.allreduce(BigInt(rank + 1), digits));
  report.equal('Op.apply', 123n, digits.apply(12n, 3n));
  report.check('Op.Create(fn, false) is not commutative', digits.Is_commutative() ? 'commutative' : null);
  return { checks: report.checks, failures: report.failures };
}
