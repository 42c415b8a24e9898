/**
 * The entry point of a one-shot rank thread (launcher/threads.ts): run the one rank this thread
 * is sent, hand back its outcome, and end, even if the program left timers or handles
 * open (a pooled thread is ended by closePool instead). A failed rank ends its thread inside
 * runRank (see worker.ts).
 */
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import runRank from './worker.js';
import type { RankTask } from './task.js';

// The task comes as a message, not as workerData: a thread may be started (and load the library
// above) before its job exists (launcher/threads.ts, prestartThreads).
const [task] = (await once(parentPort!, 'message')) as [RankTask];
parentPort!.postMessage(await runRank(task));
process.exit(0);
