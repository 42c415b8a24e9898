// Shared by the collective rank programs: deterministic per-rank data, naive reference results
// computed locally, and a non-commutative operation that exposes any combining out of rank order.
import { INT32, Op } from 'threadmpi';

/** Rank `rank`'s n elements for test `salt`: small integers, so float sums are exact. */
export function contribution(rank, n, salt, Type = Float64Array) {
  const a = new Type(n);
  for (let i = 0; i < n; i++) a[i] = ((rank * 131 + i * 7 + salt * 17) % 211) - 100;
  return a;
}

/** 2x2 integer matrices mod 997, multiplied: associative, not commutative. */
const M = 997;
function matmul(a, ai, b, bi, out, oi) {
  const [a0, a1, a2, a3] = [a[ai], a[ai + 1], a[ai + 2], a[ai + 3]];
  const [b0, b1, b2, b3] = [b[bi], b[bi + 1], b[bi + 2], b[bi + 3]];
  out[oi] = (a0 * b0 + a1 * b2) % M;
  out[oi + 1] = (a0 * b1 + a1 * b3) % M;
  out[oi + 2] = (a2 * b0 + a3 * b2) % M;
  out[oi + 3] = (a2 * b1 + a3 * b3) % M;
}

/**
 * inoutvec = invec x inoutvec, matrix by matrix. As in MPI, an operation that combines several
 * elements together must be given buffers whose datatype keeps them together: see `asOperand`.
 */
export const MATMUL = Op.Create((invec, inoutvec) => {
  for (let k = 0; k + 3 < inoutvec.length; k += 4) matmul(invec, k, inoutvec, k, inoutvec, k);
}, false);

/** One 2x2 matrix: the item MATMUL works on. */
export const MATRIX = INT32.Create_contiguous(4).Commit();

/** A buffer as MATMUL's operand ([buf, matrices, MATRIX]); SUM operands are plain arrays. */
export function asOperand(kind, buf) {
  return buf === null || kind === 'sum' ? buf : [buf, buf.length / 4, MATRIX];
}

/** Rank `rank`'s n elements (n a multiple of 4) as matrices with entries in 0..996. */
export function matrices(rank, n, salt) {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rank * 37 + i * 11 + salt * 5 + 1) % M;
  return a;
}

/** String concatenation: the value form's non-commutative operation. */
export const CONCAT = Op.Create((a, b) => a + b, false);

/** Combine contributions of ranks lo..hi-1 in rank order with `op` ('sum' | 'matmul'). */
export function reference(kind, lo, hi, n, salt) {
  if (kind === 'sum') {
    const out = new Float64Array(n);
    for (let r = lo; r < hi; r++) {
      const c = contribution(r, n, salt);
      for (let i = 0; i < n; i++) out[i] += c[i];
    }
    return out;
  }
  let acc = matrices(lo, n, salt);
  for (let r = lo + 1; r < hi; r++) {
    const next = matrices(r, n, salt);
    const out = new Int32Array(n);
    for (let k = 0; k + 3 < n; k += 4) matmul(acc, k, next, k, out, k);
    acc = out;
  }
  return acc;
}

export function operandsFor(kind, rank, n, salt) {
  return kind === 'sum' ? contribution(rank, n, salt) : matrices(rank, n, salt);
}

/** First difference between two arrays, as text, or null. */
export function difference(expected, actual) {
  if (actual === null || actual === undefined) return `expected ${expected.length} elements, got ${actual}`;
  if (expected.length !== actual.length) return `expected ${expected.length} elements, got ${actual.length}`;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(expected[i], actual[i])) return `element ${i}: expected ${expected[i]}, got ${actual[i]}`;
  }
  return null;
}

/** Collects failures with context; `check` returns whether it passed. */
export class Report {
  constructor(comm) {
    this.prefix = `${comm.name} p=${comm.size} rank=${comm.rank}`;
    this.failures = [];
    this.checks = 0;
  }
  check(what, problem) {
    this.checks++;
    if (problem !== null) this.failures.push(`${this.prefix} ${what}: ${problem}`);
  }
  same(what, expected, actual) {
    this.check(what, difference(expected, actual));
  }
  equal(what, expected, actual) {
    const e = JSON.stringify(expected, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    const a = JSON.stringify(actual, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    this.check(what, e === a ? null : `expected ${e}, got ${a}`);
  }
}
