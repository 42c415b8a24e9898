// Increment a plain (non-atomic) shared counter `iterations` times under the Mutex. Without mutual
// exclusion, two threads read the same value and one increment is lost.
import { workerData } from 'node:worker_threads';
import { Mutex } from '../../dist/index.js';

const { buffer, mutexOffset, counterOffset, iterations, threads } = workerData;
const mutex = new Mutex(buffer, mutexOffset, { threads });
const counter = new Int32Array(buffer, counterOffset, 1);

for (let i = 0; i < iterations; i++) {
  mutex.lock();
  counter[0] = counter[0] + 1;
  mutex.unlock();
}
