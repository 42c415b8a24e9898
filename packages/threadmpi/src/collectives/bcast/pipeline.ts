/**
 * Pipelined chain broadcast: the message is cut into segments that flow down the chain
 * root -> root+1 -> ... ; a rank forwards segment i while segment i+1 is still arriving, so for
 * long messages the time approaches one message's copy time whatever p is.
 */
import type { BcastAlgorithm } from '../signatures.js';
import { toRank, virtualRank } from '../trees.js';

/** Large enough to amortise a message's overhead, small enough to keep the pipeline full. */
const SEGMENT_BYTES = 64 * 1024;

export const pipeline: BcastAlgorithm = function* (c, data, root) {
  const p = c.size;
  const vr = virtualRank(c.rank, root, p);
  const bytes = data.bytes!;
  const segment = Math.max(c.elementBytes, SEGMENT_BYTES - (SEGMENT_BYTES % c.elementBytes));
  const count = Math.max(1, Math.ceil(bytes.length / segment));
  const piece = (i: number) => bytes.subarray(i * segment, Math.min(bytes.length, (i + 1) * segment));
  const prev = vr > 0 ? toRank(vr - 1, root, p) : -1;
  const next = vr + 1 < p ? toRank(vr + 1, root, p) : -1;
  // Post every segment's receive up front, so each can be matched (and streamed) as soon as it is sent.
  const recvs = prev < 0 ? [] : Array.from({ length: count }, (_, i) => c.recv(prev, piece(i)));
  const sends = [];
  for (let i = 0; i < count; i++) {
    if (prev >= 0) yield recvs[i]!;
    if (next >= 0) sends.push(c.send(next, piece(i)));
  }
  if (sends.length > 0) yield c.all(...sends);
};
