// Take the Mutex, report it, and hold it until the main thread sets the `letGo` word.
import { parentPort, workerData } from 'node:worker_threads';
import { Mutex } from '../../dist/index.js';

const { buffer, mutexOffset, letGoOffset } = workerData;
const mutex = new Mutex(buffer, mutexOffset);
const letGo = new Int32Array(buffer, letGoOffset, 1);

mutex.lock();
parentPort.postMessage('locked');
while (Atomics.load(letGo, 0) === 0) Atomics.wait(letGo, 0, 0);
mutex.unlock();
