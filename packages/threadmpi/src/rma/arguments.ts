/**
 * Checking the arguments of window calls, in words a student understands: target ranks, Post and
 * Start groups, displacements and counts against the target's part (ERR_RMA_RANGE before anything
 * is written), element types, accumulate ops and scalar operands. Messages are built only when
 * raised: these run on every RMA call.
 */
import { mpiError } from '../errors.js';
import { Group } from '../Group.js';
import { describe } from '../protocol/buffers.js';
import type { TypedArray } from '../protocol/dtypes.js';
import { checkOpForElements, resolveAccumulateOp, type AccumulateOp } from './accumulate-ops.js';
import type { ElementValue } from './atomic-cells.js';
import type { Segment } from './memory.js';

/** A rank of the window's communicator of `size` ranks. */
export function checkRank(rank: unknown, size: number, call: string): number {
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 0 || rank >= size) {
    throw mpiError('ERR_RANK', `${call}: rank must be in 0..${size - 1} of the window's communicator or PROC_NULL, got ${describe(rank)}`);
  }
  return rank;
}

/** Check that `count` elements at `disp` lie inside the target's part (and that `origin` matches its type); returns `disp`. */
export function checkSpan(seg: Segment, targetRank: number, origin: TypedArray | null, disp: unknown, count: number, call: string): number {
  if (origin !== null) checkSameType(seg, targetRank, origin, call);
  if (typeof disp !== 'number' || !Number.isInteger(disp)) {
    throw mpiError('ERR_ARG', `${call}: targetDisp must be an integer number of elements, got ${describe(disp)}`);
  }
  const size = seg.view.length;
  if (disp < 0 || disp + count > size) {
    const valid = count > size ? `no displacement fits ${count} element(s)` : `valid displacements are 0..${size - count}`;
    throw mpiError('ERR_RMA_RANGE',
      `${call}: ${count} element(s) at displacement ${disp} fall outside rank ${targetRank}'s window of ${size} ${seg.view.constructor.name} element(s); ${valid}`);
  }
  return disp;
}

export function checkSameType(seg: Segment, targetRank: number, origin: TypedArray, call: string): void {
  // instanceof, not a comparison of constructors: loading `constructor` costs some 13 ns, a third of an 8-byte Put.
  if (!(origin instanceof seg.ArrayType)) {
    throw mpiError('ERR_TYPE', `${call}: the origin buffer is a ${origin.constructor.name} but rank ${targetRank}'s window holds ${seg.view.constructor.name} elements; use the same type`);
  }
}

/** The predefined op an accumulate into `seg` may apply. */
export function accumulateOpFor(seg: Segment, op: unknown, call: string): AccumulateOp {
  const name = resolveAccumulateOp(op, call);
  checkOpForElements(name, seg.cells.float, seg.view, call);
  return name;
}

/** A Fetch_and_op or Compare_and_swap operand, as the target's element type holds it. */
export function checkOperand(seg: Segment, targetRank: number, value: unknown, what: string, call: string): ElementValue {
  const want = seg.cells.bigint ? 'bigint' : 'number';
  if (typeof value !== want) {
    throw mpiError('ERR_TYPE', `${call}: rank ${targetRank}'s window holds ${seg.view.constructor.name} elements, so ${what} must be a ${want}, got ${describe(value)}`);
  }
  return seg.cells.toElement(value as ElementValue);
}

/**
 * Comm ranks of a Post/Start group: a Group holds world ranks (`commRankOf` maps them, -1 for
 * non-members); an array holds ranks of the window's communicator.
 */
export function checkGroup(group: unknown, size: number, commRankOf: (worldRank: number) => number, call: string): readonly number[] {
  let ranks: number[];
  if (group instanceof Group) {
    ranks = Array.from(group.worldRanks, (w) => {
      const r = commRankOf(w);
      if (r < 0) throw mpiError('ERR_RANK', `${call}: world rank ${w} of the group is not a member of the window's communicator`);
      return r;
    });
  } else if (Array.isArray(group)) {
    ranks = group.map((r) => checkRank(r, size, call));
  } else {
    throw mpiError('ERR_ARG', `${call}: group must be a Group or an array of ranks of the window's communicator, got ${describe(group)}`);
  }
  if (new Set(ranks).size !== ranks.length) throw mpiError('ERR_ARG', `${call}: group lists a rank twice: [${ranks.join(', ')}]`);
  return ranks;
}
