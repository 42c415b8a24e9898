// Acquire the Semaphore `iterations` times; while holding, count ourselves in an atomic `inUse`
// counter and record the largest count ever seen, which the test compares with the permits.
import { workerData } from 'node:worker_threads';
import { Semaphore } from '../../dist/index.js';

const { buffer, semaphoreOffset, statsOffset, iterations, threads } = workerData;
const semaphore = new Semaphore(buffer, semaphoreOffset, { threads });
const [IN_USE, MAX_IN_USE, ACQUIRED] = [0, 16, 32]; // Int32 indexes, one cache line apart
const stats = new Int32Array(buffer, statsOffset, 48);

function raiseMax(value) {
  let max = Atomics.load(stats, MAX_IN_USE);
  while (value > max) {
    const seen = Atomics.compareExchange(stats, MAX_IN_USE, max, value);
    if (seen === max) return;
    max = seen;
  }
}

for (let i = 0; i < iterations; i++) {
  semaphore.acquire();
  raiseMax(Atomics.add(stats, IN_USE, 1) + 1);
  // Hold the permit a little, so holders overlap and get preempted while holding.
  for (let spin = 0; spin < 50; spin++) Atomics.load(stats, IN_USE);
  Atomics.sub(stats, IN_USE, 1);
  Atomics.add(stats, ACQUIRED, 1);
  semaphore.release();
}
