/**
 * MPI constants, with mpi4py's values where they are observable (negative sentinels that can
 * never be a rank or a tag).
 */
export const ANY_SOURCE = -1;
export const ANY_TAG = -1;
export const PROC_NULL = -2;
export const UNDEFINED = -32766;
/** Largest tag a user may send with; tags are 0..TAG_UB. */
export const TAG_UB = 0x3fffffff;

/** Marker for the in-place variants of collectives (`comm.Allreduce(IN_PLACE, buf)`). */
export const IN_PLACE: unique symbol = Symbol.for('threadmpi.IN_PLACE');
export type InPlace = typeof IN_PLACE;

/** Results of `Comm.Compare`. */
export const IDENT = 0;
export const CONGRUENT = 1;
export const SIMILAR = 2;
export const UNEQUAL = 3;
export type CompareResult = typeof IDENT | typeof CONGRUENT | typeof SIMILAR | typeof UNEQUAL;

/** Lock types for `Win.Lock`. */
export const LOCK_EXCLUSIVE = 234;
export const LOCK_SHARED = 235;

/**
 * Assertions for window synchronisation (`win.Fence(MODE_NOPRECEDE)`), OR-able; MPICH's values.
 * They are hints in MPI; threadmpi checks the two it can (rma/assertions.ts).
 */
export const MODE_NOCHECK = 1024;
export const MODE_NOSTORE = 2048;
export const MODE_NOPUT = 4096;
export const MODE_NOPRECEDE = 8192;
export const MODE_NOSUCCEED = 16384;
