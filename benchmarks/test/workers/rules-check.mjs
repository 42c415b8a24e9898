/**
 * Which allreduce algorithm the core runs, seen from outside: for each point (ranks, bytes) given as
 * JSON on argv, the messages of one traced Allreduce as the core selects it (`selected`: under
 * whatever THREADMPI_COLL_RULES this process was started with), and of each algorithm forced. A
 * message is named by its sender and receiver (from the trace's flow ids), so an algorithm's
 * fingerprint is the multiset of its (sender, receiver) pairs. Prints one JSON object.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePool, COLLECTIVE_ALGORITHMS, mpirun } from 'threadmpi';

const PROBE = new URL('./rules-probe.mjs', import.meta.url);
const traceFile = join(tmpdir(), `threadmpi-rules-check-${process.pid}.trace.json`);

async function fingerprint(ranks, bytes, algorithm) {
  // Collectives' messages are internal: traced only when asked for.
  await mpirun(ranks, PROBE, { fn: 'probe', args: [bytes, algorithm], trace: traceFile, traceInternals: true });
  const { traceEvents } = JSON.parse(readFileSync(traceFile, 'utf8'));
  const pairs = traceEvents
    .filter((event) => event.ph === 's' && event.cat === 'message')
    .map((event) => {
      const route = Math.floor(event.id / 2 ** 32);
      return `${Math.floor(route / 0x10000)}>${route % 0x10000}`;
    });
  return pairs.sort().join(' ');
}

const points = JSON.parse(process.argv[2]);
const out = [];
for (const [ranks, bytes] of points) {
  const forced = {};
  for (const algorithm of COLLECTIVE_ALGORITHMS.allreduce) forced[algorithm] = await fingerprint(ranks, bytes, algorithm);
  out.push({ ranks, bytes, selected: await fingerprint(ranks, bytes, null), forced });
}
rmSync(traceFile, { force: true });
await closePool();
process.stdout.write(JSON.stringify(out));
