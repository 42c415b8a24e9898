// Shared by the rma-*.mjs rank programs: which communicator a test runs on, the element types a
// window can hold, and small helpers to record what went wrong instead of stopping at the first.
import { COMM_SELF, MPIError } from 'threadmpi';

export const ARRAY_TYPES = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

export const isBig = (T) => T === BigInt64Array || T === BigUint64Array;
export const isFloat = (T) => T === Float32Array || T === Float64Array;

/** The element of type T for the small integer x. */
export const el = (T, x) => (isBig(T) ? BigInt(x) : x);

/** A T holding the small integers xs. */
export const arrayOf = (T, xs) => T.from(xs, (x) => el(T, x));

/**
 * Run `body(comm)` on the communicator a test names: the world itself, COMM_SELF (size 1), or a
 * Split of the world into even and odd ranks with the order reversed, so comm ranks differ from
 * world ranks (and a window's members are not world ranks 0..n-1).
 */
export function onComm(world, which, body) {
  if (which === 'self') return body(COMM_SELF);
  if (which !== 'split') return body(world);
  const comm = world.Split(world.rank % 2, -world.rank);
  try {
    return body(comm);
  } finally {
    comm.Free();
  }
}

/** The errorClass an MPI call raised, 'no error', or the name and message of any other error. */
export function errorOf(fn) {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof MPIError ? e.errorClass : `${e.name}: ${e.message}`;
  }
}

/** Collects failed checks, so a rank reports every mismatch of a sweep at once. */
export class Checks {
  constructor() {
    this.failures = [];
  }
  equal(got, want, what) {
    const g = typeof got === 'bigint' ? `${got}n` : String(got);
    const w = typeof want === 'bigint' ? `${want}n` : String(want);
    if (!Object.is(got, want)) this.failures.push(`${what}: got ${g}, want ${w}`);
  }
  that(ok, what) {
    if (!ok) this.failures.push(what);
  }
}
