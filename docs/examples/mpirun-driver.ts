// Starting a job from code (a test, a script, a server) instead of the
// threadmpi CLI. Run it with plain Node: node --import tsx mpirun-driver.ts
import { mpirun } from 'threadmpi';

const ranks = Number(process.argv[2] ?? 4);
const program = new URL('./mpirun-rank.ts', import.meta.url);
const results = await mpirun(ranks, program, { fn: 'main', args: [10] });
console.log(`mpirun(${ranks}) resolved with ${JSON.stringify(results)}`);
