// Typed arrays travel with the capitalised methods (Send, Recv, Probe),
// as NumPy arrays do in mpi4py. The receiver provides the buffer, so it
// probes first to learn how many elements are coming.
import { COMM_WORLD as comm } from 'threadmpi';

const DATA = 0;
const DOUBLED = 1;

if (comm.size < 2) throw new Error('buffers needs 2 ranks (-n 2)');

if (comm.rank === 0) {
  const data = Float64Array.from({ length: 6 }, (_, i) => i * 0.5);
  comm.Send(data, 1, DATA);
  const doubled = new Float64Array(data.length);
  comm.Recv(doubled, 1, DOUBLED);
  console.log(`rank 0 sent     [${data.join(', ')}]`);
  console.log(`rank 0 got back [${doubled.join(', ')}]`);
} else if (comm.rank === 1) {
  // Probe looks at the next matching message without receiving it.
  const status = comm.Probe(0, DATA);
  const count = status.Get_count();
  const incoming = new Float64Array(count);
  comm.Recv(incoming, 0, DATA);
  console.log(`rank 1 probed ${count} elements with tag ${status.tag}`);
  for (let i = 0; i < incoming.length; i++) incoming[i] *= 2;
  comm.Send(incoming, 0, DOUBLED);
}
