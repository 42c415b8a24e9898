/**
 * The `assertion` argument of window synchronisation calls: an OR of MODE_* hints, each valid
 * only on some calls (MPI-4.1 §12.5.5). Bits a call does not take are an error here, so a
 * transliterated program that passes, say, a lock type where the assertion goes is told so.
 */
import { MODE_NOCHECK, MODE_NOPRECEDE, MODE_NOPUT, MODE_NOSTORE, MODE_NOSUCCEED } from '../constants.js';
import { mpiError } from '../errors.js';
import { describe } from '../protocol/buffers.js';

const NAMES: ReadonlyArray<[number, string]> = [
  [MODE_NOCHECK, 'MODE_NOCHECK'], [MODE_NOSTORE, 'MODE_NOSTORE'], [MODE_NOPUT, 'MODE_NOPUT'],
  [MODE_NOPRECEDE, 'MODE_NOPRECEDE'], [MODE_NOSUCCEED, 'MODE_NOSUCCEED'],
];

/** The modes each synchronisation call accepts. */
export const FENCE_MODES = MODE_NOSTORE | MODE_NOPUT | MODE_NOPRECEDE | MODE_NOSUCCEED;
export const POST_MODES = MODE_NOCHECK | MODE_NOSTORE | MODE_NOPUT;
/** Lock, Lock_all and Start. */
export const NOCHECK_ONLY = MODE_NOCHECK;

/** `assertion` as a number, after checking it holds only modes in `allowed`. */
export function checkAssertion(assertion: unknown, allowed: number, call: string): number {
  if (assertion === 0) return 0;
  if (typeof assertion === 'number' && Number.isInteger(assertion) && assertion > 0 && (assertion & ~allowed) === 0) return assertion;
  const names = NAMES.filter(([bit]) => (allowed & bit) !== 0).map(([, name]) => name);
  throw mpiError('ERR_ARG', `${call}: assertion must be 0 or an OR of ${names.join(', ')}, got ${describe(assertion)}`);
}
