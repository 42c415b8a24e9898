/**
 * The floor of any shared-memory transport: an 8-byte value and a flag in a SharedArrayBuffer, handed back
 * and forth with Atomics.store / Atomics.load and nothing else. Both sides spin without ever parking; that
 * is the point of this bounded measurement (library code must park, see @threadmpi/atomics).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { repeat, timeRoundTrips } from '../../measure/loops.js';
import type { MessageStep } from '../../measure/timing.js';
import { SPIN_FLAG_INDEX, SPIN_PAYLOAD_BYTE_OFFSET, SPIN_PING, SPIN_PONG } from '../spin-layout.js';

interface SpinPingPongData {
  readonly role: 0 | 1;
  readonly shared: SharedArrayBuffer;
  readonly step: MessageStep;
}

const { role, shared, step } = workerData as SpinPingPongData;
const flag = new Int32Array(shared, 0, 1);
const payload = new Float64Array(shared, SPIN_PAYLOAD_BYTE_OFFSET, 1);

if (role === 0) {
  const timing = timeRoundTrips(step, () => {
    payload[0] = payload[0]! + 1;
    Atomics.store(flag, SPIN_FLAG_INDEX, SPIN_PING);
    while (Atomics.load(flag, SPIN_FLAG_INDEX) !== SPIN_PONG);
  });
  parentPort!.postMessage(timing);
} else {
  repeat(step, () => {
    while (Atomics.load(flag, SPIN_FLAG_INDEX) !== SPIN_PING);
    payload[0] = payload[0]! + 1;
    Atomics.store(flag, SPIN_FLAG_INDEX, SPIN_PONG);
  });
  parentPort!.postMessage(null);
}
