/**
 * The entry point of a one-shot rank thread (launcher/threads.ts): run the one rank this thread
 * was started for, hand back its outcome, and end, even if the program left timers or handles
 * open (a pooled thread is ended by closePool instead). A failed rank ends its thread inside
 * runRank (see worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import runRank from './worker.js';
import type { RankTask } from './task.js';

parentPort!.postMessage(await runRank(workerData as RankTask));
process.exit(0);
