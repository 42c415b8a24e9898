/**
 * `node --import tsx scripts/render-trace.ts trace.json out.svg [--focus Allreduce] [--title T]`:
 * the command-line face of trace-svg.ts, for any trace a reader records with `--trace`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { traceToSvg, type TraceFile } from './trace-svg.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { focus: { type: 'string' }, title: { type: 'string' } },
});
const [input, output] = positionals;
if (input === undefined || output === undefined) {
  console.error('usage: render-trace.ts trace.json out.svg [--focus CALL] [--title TEXT]');
  process.exit(2);
}
const trace = JSON.parse(readFileSync(input, 'utf8')) as TraceFile;
writeFileSync(output, traceToSvg(trace, { focus: values.focus, title: values.title }));
