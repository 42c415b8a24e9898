// Take one permit, parking almost at once (tiny spin budget), then exit.
import { workerData } from 'node:worker_threads';
import { Semaphore } from '../../dist/index.js';

const { buffer, semaphoreOffset } = workerData;
new Semaphore(buffer, semaphoreOffset, { spinUs: 0 }).acquire();
