/**
 * MPI wall clock. All ranks of a job measure from the launcher's origin, so timestamps (and
 * trace events) from different ranks line up.
 */
import { currentRuntime } from './runtime/current.js';

/** Seconds since the job started. */
export function Wtime(): number {
  return (performance.timeOrigin + performance.now() - currentRuntime().originMs) / 1000;
}

/** Resolution of Wtime in seconds. */
export function Wtick(): number {
  return 1e-6;
}
