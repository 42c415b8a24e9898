// Producer side of the ring stress test: sends records 0..count-1, parking on `spaceFreed` when full.
import { workerData } from 'node:worker_threads';
import { Backoff, Doorbell, SpscRing } from '../../dist/index.js';
import { recordSize, writeRecord } from './records.mjs';

const { buffer, ringOffset, capacity, dataReadyOffset, spaceFreedOffset, count, maxExtra } = workerData;
const ring = new SpscRing(buffer, ringOffset, capacity);
const dataReady = new Doorbell(buffer, dataReadyOffset);
const spaceFreed = new Doorbell(buffer, spaceFreedOffset);
const backoff = new Backoff({ threads: 2 });

for (let seq = 0; seq < count; seq++) {
  const size = recordSize(seq, maxExtra);
  backoff.reset();
  let at;
  for (;;) {
    at = ring.tryReserve(size);
    if (at >= 0) break;
    if (!backoff.shouldPark()) continue;
    const ticket = spaceFreed.prepareSleep(); // announce first, then look again, so a release in between is not missed
    at = ring.tryReserve(size);
    if (at >= 0) {
      spaceFreed.cancelSleep();
      break;
    }
    spaceFreed.sleep(ticket);
  }
  writeRecord(ring, at, seq, size);
  ring.commit();
  dataReady.ring();
}
