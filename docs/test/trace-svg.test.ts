/**
 * The trace picture: the renderer on a small hand-made trace, then on a real trace of the ring
 * allreduce example, where the picture must show the ring's messages and no others.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { niceStep, traceToSvg, type TraceEvent } from '../scripts/trace-svg.js';
import { examplesDir } from './manifest.js';
import { cliPath, EXAMPLE_TIMEOUT_MS } from './run-example.js';

const call = (tid: number, name: string, ts: number, dur: number): TraceEvent => ({ name, cat: 'mpi', ph: 'X', ts, dur, tid });
const flow = (ph: 's' | 'f', tid: number, id: number, ts: number): TraceEvent => ({ name: 'message', cat: 'message', ph, id, ts, tid });
const count = (svg: string, what: RegExp) => (svg.match(what) ?? []).length;

test('a track per rank, a box per call, an arrow per message', () => {
  const svg = traceToSvg({
    traceEvents: [
      { name: 'thread_name', ph: 'M', ts: 0, tid: 0, args: { name: 'rank 0' } },
      call(0, 'Send', 10, 5), call(1, 'Recv', 8, 20), call(1, 'Barrier', 40, 3),
      flow('s', 0, 7, 12), flow('f', 1, 7, 25),
    ],
  }, { title: 'a <small> trace' });
  expect(count(svg, /<text x="8"[^>]*>rank \d<\/text>/g)).toBe(2);
  expect(count(svg, /<rect [^>]*><title>/g)).toBe(3);
  expect(count(svg, /<line class="message"/g)).toBe(1);
  expect(svg).toContain('a &lt;small&gt; trace');
});

test('a focus cuts to those calls and their messages', () => {
  const events = [call(0, 'Barrier', 0, 10), call(0, 'Allreduce', 20, 10), call(1, 'Allreduce', 20, 10),
    flow('s', 0, 1, 5), flow('f', 1, 1, 22), flow('s', 0, 2, 25), flow('f', 1, 2, 26)];
  const svg = traceToSvg({ traceEvents: events }, { focus: 'Allreduce' });
  expect(count(svg, /<line class="message"/g)).toBe(1); // message 1 was sent during the Barrier
  expect(() => traceToSvg({ traceEvents: events }, { focus: 'Scan' })).toThrow(/no calls named Scan/);
});

test('axis steps are 1, 2 or 5 times a power of ten', () => {
  expect(niceStep(6000)).toBe(1000);
  expect(niceStep(11)).toBe(2);
  expect(niceStep(0.3)).toBe(0.05);
});

test('the ring allreduce example draws as a ring: 2 (p - 1) messages from each of p ranks', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'threadmpi-trace-'));
  try {
    const file = path.join(scratch, 'ring.json');
    execFileSync(process.execPath, [cliPath, 'run', '-n', '4', '--trace', file, '--trace-internals', 'ring-allreduce.ts'], { cwd: examplesDir, stdio: 'ignore', timeout: EXAMPLE_TIMEOUT_MS });
    const svg = traceToSvg(JSON.parse(readFileSync(file, 'utf8')), { focus: 'Allreduce' });
    expect(count(svg, /<text x="8"[^>]*>rank \d<\/text>/g)).toBe(4);
    expect(count(svg, /<line class="message"/g)).toBe(2 * 3 * 4);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
