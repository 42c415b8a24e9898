/**
 * Comm.Split as a collective: every rank learns every (color, key) pair through an allgather,
 * rank 0 allocates one context per color from the job-wide counter and broadcasts them (the
 * agreeOnContext pattern, for several communicators at once), and each rank builds its own
 * communicator: the ranks of its color ordered by (key, parent rank).
 */
import { UNDEFINED } from '../../constants.js';
import { mpiError } from '../../errors.js';
import { bytesOf, DtypeCode } from '../../protocol/dtypes.js';
import { CommState } from '../../runtime/comm-state.js';
import { equalBlocks } from '../api/buffers.js';
import { begin, choose, planned, type Planned } from '../api/start.js';
import type { Exchange, Schedule } from '../exchange.js';

export function splitPlan(parent: CommState, call: string, color: number, key: number): Planned<CommState | null> {
  const s = parent.check(call);
  if (color !== UNDEFINED && (!Number.isInteger(color) || color < 0)) {
    throw mpiError('ERR_ARG', `${call}: color must be a non-negative integer or UNDEFINED, got ${String(color)}`);
  }
  if (!Number.isInteger(key) || Math.abs(key) > 0x7fffffff) {
    throw mpiError('ERR_ARG', `${call}: key must be a 32-bit integer, got ${String(key)}`);
  }
  const p = s.size;
  const pairs = new Int32Array(2 * p);
  pairs[2 * s.rank] = color;
  pairs[2 * s.rank + 1] = key;
  const c = begin(s, { name: call }, DtypeCode.INT32, 4);
  return planned(c, splitSchedule(s, c, pairs, color), null, { label: () => `${call}(color=${color}, key=${key}, comm=${s.name})` });
}

/** A module-level generator, not a closure: see Planned. */
function* splitSchedule(s: CommState, c: Exchange, pairs: Int32Array, color: number): Schedule<CommState | null> {
  const p = s.size;
  const bytes = bytesOf(pairs);
  yield* choose(c, 'allgather', pairs.byteLength, true, false)(c, { blocks: equalBlocks(bytes, p), uniform: bytes });
  const colors = [...new Set(Array.from({ length: p }, (_, r) => pairs[2 * r]!))].filter((k) => k !== UNDEFINED).sort((a, b) => a - b);
  const contexts = new Int32Array(colors.length);
  if (s.rank === 0) for (let i = 0; i < colors.length; i++) contexts[i] = s.runtime.allocateContext();
  yield* choose(c, 'bcast', contexts.byteLength, true, false)(c, { bytes: bytesOf(contexts) }, 0);
  if (color === UNDEFINED) return null;
  const members = Array.from({ length: p }, (_, r) => r)
    .filter((r) => pairs[2 * r] === color)
    .sort((a, b) => pairs[2 * a + 1]! - pairs[2 * b + 1]! || a - b);
  const group = Int32Array.from(members, (r) => s.worldRankOf(r));
  return new CommState(s.runtime, group, contexts[colors.indexOf(color)]!, `${s.name}.split(${color})`);
}
