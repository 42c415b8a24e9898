/**
 * threadmpi's public API: everything a program imports comes from here (STYLE.md: one index
 * that re-exports; internals are not reachable through the package's exports map).
 */
export {
  ANY_SOURCE, ANY_TAG, PROC_NULL, UNDEFINED, TAG_UB, IN_PLACE, IDENT, CONGRUENT, SIMILAR, UNEQUAL,
  LOCK_EXCLUSIVE, LOCK_SHARED, MODE_NOCHECK, MODE_NOSTORE, MODE_NOPUT, MODE_NOPRECEDE, MODE_NOSUCCEED,
  type InPlace, type CompareResult,
} from './constants.js';
export {
  MPIError, MPIJobError, DeadlockError, TimeoutError, LeftoversError,
  type ErrorClass, type RankFailure, type BlockedRank, type DeadlockGraph, type UnreceivedMessage,
} from './errors.js';
export { Comm } from './Comm.js';
export { Intracomm } from './Intracomm.js';
export { Cartcomm, Compute_dims } from './Cartcomm.js';
export { Group } from './Group.js';
export {
  Op, SUM, PROD, MAX, MIN, LAND, LOR, LXOR, BAND, BOR, BXOR, MAXLOC, MINLOC, REPLACE, NO_OP,
  type TypedOpFunction, type ValueOpFunction,
} from './Op.js';
export { COLLECTIVE_ALGORITHMS, type Collective } from './collectives/registry.js';
export { collectiveOverrides, setCollectiveAlgorithm } from './collectives/config.js';
export {
  selectAlgorithm, NO_OVERRIDES, type SelectQuery, type Overrides as CollectiveOverrides, type RulesTable, type CommRule, type MessageRule,
} from './collectives/select.js';
export { COMM_WORLD, COMM_SELF } from './world.js';
export { Request, Prequest } from './Request.js';
export { Status } from './Status.js';
export {
  Datatype, ORDER_C, ORDER_FORTRAN,
  INT8, UINT8, INT16, UINT16, INT32, UINT32, FLOAT32, FLOAT64, BIGINT64, BIGUINT64,
} from './Datatype.js';
export type { BufferSpec } from './protocol/buffers.js';
export type { VectorSpec } from './collectives/api/movement.js';
export type { ElementValue } from './rma/atomic-cells.js';
export type { TypedArray, TypedArrayConstructor } from './protocol/dtypes.js';
export { Win, type WinGroup } from './Win.js';
export type { WindowArrayType } from './rma/memory.js';
export * as sync from './rma/sync.js';
export { Wtime, Wtick } from './time.js';
export { mpirun, type MpirunOptions } from './launcher/mpirun.js';
export { closePool } from './launcher/pool.js';
export { deadlockDot } from './diagnostics/deadlock-dot.js';
export type { LeftoversMode, Leftover } from './diagnostics/types.js';
