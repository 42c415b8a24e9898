/**
 * Argument checks shared by every point-to-point call: they run in the calling rank before
 * anything is posted, so bad input raises there at once and never reaches another rank.
 */
import { ANY_SOURCE, ANY_TAG, PROC_NULL, TAG_UB } from '../constants.js';
import { mpiError } from '../errors.js';
import type { CommState } from '../runtime/comm-state.js';

export function checkDest(comm: CommState, dest: unknown, call: string): number {
  if (dest === PROC_NULL) return PROC_NULL;
  if (typeof dest !== 'number' || !Number.isInteger(dest) || dest < 0 || dest >= comm.size) {
    throw mpiError('ERR_RANK', `${call}: dest must be a rank in 0..${comm.size - 1} of ${comm.name} or PROC_NULL, got ${String(dest)}`);
  }
  return dest;
}

export function checkSource(comm: CommState, source: unknown, call: string): number {
  if (source === ANY_SOURCE || source === PROC_NULL) return source;
  if (typeof source !== 'number' || !Number.isInteger(source) || source < 0 || source >= comm.size) {
    throw mpiError('ERR_RANK', `${call}: source must be a rank in 0..${comm.size - 1} of ${comm.name}, ANY_SOURCE or PROC_NULL, got ${String(source)}`);
  }
  return source;
}

export function checkSendTag(tag: unknown, call: string): number {
  if (typeof tag !== 'number' || !Number.isInteger(tag) || tag < 0 || tag > TAG_UB) {
    throw mpiError('ERR_TAG', `${call}: tag must be an integer in 0..TAG_UB (${TAG_UB}), got ${String(tag)}`);
  }
  return tag;
}

export function checkRecvTag(tag: unknown, call: string): number {
  if (tag === ANY_TAG) return ANY_TAG;
  if (typeof tag !== 'number' || !Number.isInteger(tag) || tag < 0 || tag > TAG_UB) {
    throw mpiError('ERR_TAG', `${call}: tag must be an integer in 0..TAG_UB (${TAG_UB}) or ANY_TAG, got ${String(tag)}`);
  }
  return tag;
}
