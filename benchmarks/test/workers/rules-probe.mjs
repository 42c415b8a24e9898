/** One Allreduce of `bytes` bytes, with `algorithm` forced, or (null) as the core selects it. */
import { setCollectiveAlgorithm } from 'threadmpi';

export function probe(comm, bytes, algorithm) {
  if (algorithm !== null) setCollectiveAlgorithm('allreduce', algorithm);
  const send = new Float64Array(bytes / 8).fill(comm.rank + 1);
  const recv = new Float64Array(bytes / 8);
  comm.Allreduce(send, recv);
  return recv[0];
}
