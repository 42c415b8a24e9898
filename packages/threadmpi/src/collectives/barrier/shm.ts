/**
 * Shared-memory barrier: a sense-reversing counter barrier in the segment (segment.ts `arrive`).
 * Arriving is one atomic add; the last rank releases everyone with one store, so the barrier
 * costs one round of waking instead of log2 p rounds of messages.
 */
import { segmentOf, whenReady } from '../shm/segment.js';
import type { BarrierAlgorithm } from '../signatures.js';

export const shm: BarrierAlgorithm = function* (c) {
  const seg = segmentOf(c);
  // A step of its own orders the barrier after any shared-memory call still in flight here.
  const s = seg.reserve(1);
  if (!seg.ready(s)) yield* whenReady(c, seg, s);
  const released = seg.arrive(c.call);
  if (released !== null) yield released;
  seg.publish(s);
  seg.finish(s);
};
