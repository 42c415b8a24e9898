/** Runs interleave-probe.mjs on 2 ranks with the step given as JSON on argv; prints every rank's report. */
import { closePool, mpirun } from 'threadmpi';

const PROBE = new URL('./interleave-probe.mjs', import.meta.url);
const reports = await mpirun(2, PROBE, { fn: 'probe', args: [JSON.parse(process.argv[2])] });
await closePool();
process.stdout.write(JSON.stringify(reports));
