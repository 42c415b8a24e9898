/**
 * Shared-memory barrier: a sense-reversing counter barrier in the segment (segment.ts `arrive`).
 * Arriving is one atomic add; the last rank releases everyone with one store, so the barrier
 * costs one round of waking instead of log2 p rounds of messages.
 */
import { untilRank } from '../shm/chunks.js';
import { attached, segmentOf } from '../shm/segment.js';
import type { BarrierAlgorithm } from '../signatures.js';

export const shm: BarrierAlgorithm = function* (c) {
  const seg = segmentOf(c);
  // A step of its own orders the barrier after any shared-memory call still in flight here.
  const s = seg.reserve(1);
  if (!seg.attached) yield* attached(c, seg);
  const mine = untilRank(c, seg, s - 1, c.rank);
  if (mine !== null) yield mine;
  const released = seg.arrive(c.call);
  if (released !== null) yield released;
  seg.publish(s);
};
