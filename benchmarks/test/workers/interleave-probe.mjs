/**
 * The shared collective timing (dist/ranks/collective-timing.js) on a real Allreduce, each call
 * recording which algorithm was forced when it ran, so a test sees the order the job measured in.
 */
import { collectiveOverrides, SUM } from 'threadmpi';
import { timeCollective } from '../../dist/ranks/collective-timing.js';

export function probe(comm, step) {
  const send = new Float64Array(step.size / 8).fill(1);
  const recv = new Float64Array(step.size / 8);
  const forced = [];
  const call = () => {
    forced.push(collectiveOverrides().forced.get('allreduce') ?? 'default');
    comm.Allreduce(send, recv, SUM);
  };
  const timings = timeCollective(comm, 'allreduce', step, { call, verify: () => 0 });
  return { forced, timings };
}
