/**
 * postMessage ping-pong between two worker_threads over a MessageChannel, written the idiomatic
 * event-driven way: this is what a program gets without threadmpi. The payload is copied (structured
 * clone), not transferred, as threadmpi copies too.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { markRoundTrip, roundTripStamps, summarizeRoundTrips } from '../../measure/loops.js';
import { makePayload, type PayloadKind } from '../../measure/payload.js';
import type { MessageStep } from '../../measure/timing.js';

interface PostMessagePingPongData {
  readonly role: 0 | 1;
  readonly port: MessagePort;
  readonly step: MessageStep;
  readonly payload: PayloadKind;
}

const { role, port, step, payload } = workerData as PostMessagePingPongData;
const message = makePayload(payload, step.size);
const total = step.warmup + step.iterations;
const parent = parentPort!;

if (role === 0) {
  const stamps = roundTripStamps(step);
  let replies = 0;
  port.on('message', () => {
    replies++;
    markRoundTrip(stamps, step, replies);
    if (replies < total) {
      port.postMessage(message);
    } else {
      parent.postMessage(summarizeRoundTrips(stamps, step));
      port.close(); // closes both ends, which lets role 1 finish
    }
  });
  markRoundTrip(stamps, step, 0);
  port.postMessage(message);
} else {
  port.on('message', () => port.postMessage(message));
  port.on('close', () => parent.postMessage(null));
}
