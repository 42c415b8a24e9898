/**
 * What a successful job leaves behind, which MPI says a correct program must not: requests never
 * completed, messages sent and never received, communicators and windows never freed.
 *
 * Each rank lists its own when it returns (rankLeftovers): the operations its engine still holds
 * and the objects it never freed. Messages that reached a rank after it returned are still in the
 * rings; once every rank has returned, the launcher reads them from there (unreadMessages).
 */
import { EAGER, KIND_MASK, RTS, W_BYTES, W_CTX, W_KIND, W_TAG } from '../transport/envelope.js';
import type { Engine } from '../transport/engine.js';
import type { JobMemory } from '../transport/layout.js';
import { SendWork, RecvWork } from '../p2p/work.js';
import type { OpenRequests } from './open-requests.js';
import { contextName, unfreed } from './resources.js';
import type { Leftover } from './types.js';

function messageText(src: number, dest: number, tag: number, comm: string, bytes: number): string {
  return `rank ${dest}: a message from rank ${src} (tag=${tag}, comm=${comm}, ${bytes} bytes) was sent but never received`;
}

/** What rank `rank` leaves behind as it returns. */
export function rankLeftovers(rank: number, engine: Engine, requests: OpenRequests): Leftover[] {
  const { unexpected, receiving, sending } = engine.inFlight();
  const items: Leftover[] = [];
  for (const op of [...receiving, ...sending]) {
    items.push({ kind: 'request', rank, text: `rank ${rank}: ${op.describe()} was never completed (wait for it, or cancel it)` });
  }
  items.push(...requests.leftovers(rank, (work) => work instanceof SendWork || work instanceof RecvWork));
  for (const m of unexpected) {
    items.push({ kind: 'message', rank, text: messageText(m.src, rank, m.tag, contextName(engine, m.ctx), m.bytes) });
  }
  for (const o of unfreed(engine)) {
    const at = o.createdAt === undefined ? '' : ` created at ${o.createdAt}`;
    items.push({ kind: o.kind, rank, text: `rank ${rank}: ${o.kind} ${o.name()}${at} was never freed (call Free())` });
  }
  return items;
}

/**
 * Messages still unread in the job's rings: sent to a rank after it returned. Only call once every
 * rank has stopped: it consumes the rings. `contexts[r]` names rank r's communicators.
 */
export function unreadMessages(mem: JobMemory, contexts: ReadonlyArray<ReadonlyMap<number, string>>): Leftover[] {
  const items: Leftover[] = [];
  const n = mem.shape.size;
  for (let dest = 0; dest < n; dest++) {
    for (let src = 0; src < n; src++) {
      const ring = mem.ring(src, dest);
      for (let at = ring.peek(); at >= 0; at = ring.peek()) {
        const i = at >> 2;
        const kind = ring.words[i + W_KIND]! & KIND_MASK;
        if (kind === EAGER || kind === RTS) {
          const ctx = ring.words[i + W_CTX]!;
          const comm = contexts[dest]?.get(ctx) ?? contexts[src]?.get(ctx) ?? `context ${ctx}`;
          items.push({ kind: 'message', rank: dest, text: messageText(src, dest, ring.words[i + W_TAG]!, comm, ring.words[i + W_BYTES]!) });
        }
        ring.release();
      }
    }
  }
  return items;
}
