/**
 * SpscRing across threads: a producer worker sends many records of random sizes through a small
 * ring (so it wraps and fills constantly); the main thread consumes and checks each one.
 */
import { Backoff, Doorbell, SpscRing } from '../src/index.js';
import { startWorker, withDeadline } from './helpers/workers.js';
import { recordMismatch } from './workers/records.mjs';

const COUNT = 200_000;
const CAPACITY = 16_384;
const MAX_EXTRA = 300;

async function consume(ring: SpscRing, dataReady: Doorbell, spaceFreed: Doorbell): Promise<number> {
  const backoff = new Backoff({ threads: 2 });
  let received = 0;
  while (received < COUNT) {
    const at = ring.peek();
    if (at < 0) {
      if (!backoff.shouldPark()) continue;
      // Announce first, then look again, so a commit in between is not missed.
      const ticket = dataReady.prepareSleep();
      if (ring.isEmpty()) await dataReady.sleepAsync(ticket); // without blocking the event loop, so a failing producer is reported
      else dataReady.cancelSleep();
      continue;
    }
    const mismatch = recordMismatch(ring, at, received, MAX_EXTRA);
    if (mismatch !== null) throw new Error(mismatch);
    ring.release();
    spaceFreed.ring();
    received++;
    backoff.reset();
  }
  return received;
}

test(`${COUNT} records cross from a worker in order and intact`, async () => {
  const ringOffset = 2 * Doorbell.BYTES;
  const buffer = new SharedArrayBuffer(ringOffset + SpscRing.bytesFor(CAPACITY));
  const dataReady = new Doorbell(buffer, 0);
  const spaceFreed = new Doorbell(buffer, Doorbell.BYTES);
  const ring = new SpscRing(buffer, ringOffset, CAPACITY);

  const producer = startWorker('ring-producer.mjs', {
    buffer, ringOffset, capacity: CAPACITY, dataReadyOffset: 0, spaceFreedOffset: Doorbell.BYTES, count: COUNT, maxExtra: MAX_EXTRA,
  });
  const [received] = await withDeadline('ring stress', [producer], Promise.all([consume(ring, dataReady, spaceFreed), producer.exited]));

  expect(received).toBe(COUNT);
  expect(ring.isEmpty()).toBe(true);
});
