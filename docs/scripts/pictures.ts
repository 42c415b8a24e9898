/**
 * `pnpm run pictures` (in docs/): rebuilds the generated pictures in public/pictures/, which are
 * committed, so the site builds without running anything. Needs the core and the benchmark
 * package built (`pnpm run build` at the root) and, for the benchmark plot, Chromium
 * (/usr/bin/chromium, or CHROMIUM=path). The figures come from this machine at this moment: on
 * a busy machine, timings are noisy.
 *
 * - ring-allreduce-trace.json and ring-allreduce.svg: the trace of examples/ring-allreduce.ts on 4 ranks with
 *   `--trace --trace-internals`, and its timeline drawn by trace-svg.ts.
 * - allreduce-sweep.png: threadmpi-bench's HTML report of a tiny Allreduce sweep (three
 *   algorithms, 4 ranks), photographed by headless Chromium; allreduce-sweep.json is its data.
 * - deadlock-unsafe.svg: the wait-for graph of examples/deadlock-unsafe.ts, as `--deadlock-dot`
 *   writes it (examples/expected/deadlock-unsafe.dot, which CI checks), drawn by Graphviz's `dot`
 *   (Debian package graphviz).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceToSvg, type TraceFile } from './trace-svg.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(docsDir, 'public', 'pictures');
const cli = path.resolve(docsDir, '../packages/threadmpi/dist/cli/main.js');
const bench = path.resolve(docsDir, '../benchmarks/dist/cli.js');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const scratch = mkdtempSync(path.join(tmpdir(), 'threadmpi-pictures-'));
mkdirSync(out, { recursive: true });

const run = (file: string, args: string[]) => execFileSync(process.execPath, [file, ...args], { cwd: docsDir, stdio: ['ignore', 'pipe', 'inherit'] });

function ringTrace(): void {
  const trace = path.join(out, 'ring-allreduce-trace.json');
  run(cli, ['run', '-n', '4', '--trace', trace, '--trace-internals', 'examples/ring-allreduce.ts']);
  const svg = traceToSvg(JSON.parse(readFileSync(trace, 'utf8')) as TraceFile, {
    focus: 'Allreduce',
    title: 'Allreduce, ring algorithm, 4 ranks: one box per call, one arrow per message',
  });
  writeFileSync(path.join(out, 'ring-allreduce.svg'), svg);
}

function benchmarkPlot(): void {
  const html = path.join(scratch, 'allreduce.html');
  run(bench, [
    'allreduce', '-n', '4', '-m', '8:16K', '-i', '30', '-x', '5', '--algo', 'ring,recursive_doubling,shm_flat',
    '--quiet', '--no-baselines', '--no-compare-mpi', '--html', html, '--json', path.join(out, 'allreduce-sweep.json'),
  ]);
  // The report draws its charts with Chart.js as the page loads; the virtual time budget lets
  // that finish before the screenshot.
  execFileSync(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--virtual-time-budget=5000',
    '--window-size=1200,1000', `--screenshot=${path.join(out, 'allreduce-sweep.png')}`, `file://${html}`,
  ], { stdio: 'ignore' });
}

function deadlockGraph(): void {
  const dot = path.join(docsDir, 'examples', 'expected', 'deadlock-unsafe.dot');
  const svg = execFileSync(process.env.DOT ?? 'dot', ['-Tsvg', dot]);
  writeFileSync(path.join(out, 'deadlock-unsafe.svg'), svg);
}

try {
  ringTrace();
  benchmarkPlot();
  deadlockGraph();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`pictures written to ${path.relative(process.cwd(), out) || '.'}`);
