/**
 * End to end through the built CLI (run `pnpm run build` first): a tiny real sweep per benchmark kind.
 * PATH holds no MPI, so these never depend on a native installation and always see the skip note.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { COLLECTIVE_ALGORITHMS } from 'threadmpi';
import type { BenchReport } from '../src/report.js';

const execFileAsync = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadmpi-bench-sweep-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the CLI with an empty PATH (the node binary is given by absolute path). */
async function bench(args: string[]): Promise<{ stdout: string; json: BenchReport; csv: Array<Record<string, string>>; html: string }> {
  const json = join(dir, `${args[0]}.json`);
  const csv = join(dir, `${args[0]}.csv`);
  const html = join(dir, `${args[0]}.html`);
  const { stdout } = await execFileAsync(process.execPath, [CLI, ...args, '--json', json, '--csv', csv, '--html', html], {
    env: { ...process.env, PATH: dir },
  });
  return {
    stdout,
    json: JSON.parse(await readFile(json, 'utf8')) as BenchReport,
    csv: parseCsv(await readFile(csv, 'utf8'), { columns: true }) as Array<Record<string, string>>,
    html: await readFile(html, 'utf8'),
  };
}

/** Lines of figures (OSU rows start at the margin, IMB and nccl-tests rows are right-aligned). */
const dataRows = (stdout: string): string[][] =>
  stdout.split('\n').map((line) => line.trim()).filter((line) => /^\d/.test(line)).map((line) => line.split(/\s+/));

test('latency: OSU output, positive latencies, baselines, native skipped', async () => {
  const { stdout, json, csv } = await bench(['latency', '-m', '8:16', '-i', '20', '-x', '2', '--compare-mpi']);
  expect(stdout).toContain('\n# OSU MPI Latency Test\n# threadmpi, 2 ranks\n');
  expect(stdout).toContain('# native MPI not found (install openmpi-bin libopenmpi-dev); skipping');
  expect(stdout).toMatch(/\n# Size +Avg Latency\(us\) +Min Latency\(us\) +Max Latency\(us\) +Iterations +postMessage\(us\)/);
  expect(dataRows(stdout).map((cells) => [cells[0], cells[4]])).toEqual([['8', '20'], ['16', '20']]);

  const [result] = json.results;
  expect(json.machine.cpus).toBeGreaterThan(0);
  expect(json.machine.nativeMpi).toBeNull();
  expect(result!.rows.map((row) => row.size)).toEqual([8, 16]);
  for (const row of result!.rows) {
    const { avg_latency_us: avg, min_latency_us: min, max_latency_us: max } = row as Record<string, number>;
    expect(avg).toBeGreaterThan(0);
    expect(min).toBeGreaterThan(0);
    expect(min).toBeLessThanOrEqual(avg);
    expect(max).toBeGreaterThanOrEqual(avg);
    expect(row.postmessage_us).toBeGreaterThan(0);
    expect(row.vs_postmessage).toBeCloseTo(avg / row.postmessage_us!, 10);
    expect(row.copy_us).toBeGreaterThan(0);
    // Measured in its own job with the benchmark's loop, so not avg / hand-written.
    expect(row.handwritten_us).toBeGreaterThan(0);
    expect(row.vs_handwritten).toBeGreaterThan(0);
  }
  expect(result!.references.sab_spin_8b_us).toBeGreaterThan(0);
  expect(csv.map((record) => [record.benchmark, record.size])).toEqual([['latency', '8'], ['latency', '16']]);
});

test('--checks both: a checks-on and a checks-off result for the same sizes, each named', async () => {
  const { stdout, json, csv } = await bench(['allreduce', '-n', '2', '-m', '8:16', '-i', '5', '-x', '1', '--checks', 'both', '--quiet']);
  expect(json.results.map((result) => [result.ranks, result.variant, result.checks])).toEqual([
    [2, 'default', 'on'],
    [2, 'default', 'off'],
  ]);
  for (const result of json.results) {
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.size, row.iterations, row.wrong])).toEqual([[8, 5, 0], [16, 5, 0]]);
    expect(result.rows.every((row) => row.avg_latency_us! > 0)).toBe(true);
  }
  expect(stdout).toContain('# threadmpi, 2 ranks, algorithm default, checks on\n');
  expect(stdout).toContain('# threadmpi, 2 ranks, algorithm default, checks off\n');
  expect(stdout).toContain('# threadmpi checks off: median of 5 trials per size, alternating with checks on in the same run');
  expect(csv.map((record) => [record.checks, record.size])).toEqual([['on', '8'], ['on', '16'], ['off', '8'], ['off', '16']]);
  const off = await bench(['latency', '-m', '8:8', '-i', '20', '-x', '2', '--checks', 'off', '--no-baselines']);
  expect(off.json.results.map((result) => result.checks)).toEqual(['off']);
});

test('bw: positive bandwidth per size', async () => {
  const { stdout, json } = await bench(['bw', '-m', '1K:2K', '-i', '3', '-x', '1', '--quiet']);
  expect(stdout).toMatch(/\n# Size +Bandwidth \(MB\/s\) +Iterations +copy\(MB\/s\) +vs copy\n/);
  expect(stdout).not.toContain('native MPI');
  const rows = json.results[0]!.rows;
  expect(rows.map((row) => row.size)).toEqual([1024, 2048]);
  for (const row of rows) expect(row.bandwidth_mbs).toBeGreaterThan(0);
});

test('value_latency: positive latency of value messages', async () => {
  const { json } = await bench(['value_latency', '-m', '1:2', '-i', '20', '-x', '2', '--no-baselines']);
  const [result] = json.results;
  expect(result!.columns.map((column) => column.key)).not.toContain('postmessage_us');
  for (const row of result!.rows) expect(row.avg_latency_us).toBeGreaterThan(0);
});

test('allreduce --algo all on 2 and 3 ranks: a verified table per (ranks, algorithm), nccl bandwidths, native skipped', async () => {
  const { stdout, json, csv, html } = await bench(['allreduce', '-n', '2,3', '-m', '8:16', '--algo', 'all', '-i', '5', '-x', '1', '--compare-mpi']);
  const algorithms = ['default', ...COLLECTIVE_ALGORITHMS.allreduce];
  expect(json.results.map((result) => `${result.ranks} ${result.variant}`)).toEqual(
    [2, 3].flatMap((ranks) => algorithms.map((algorithm) => `${ranks} ${algorithm}`)),
  );
  expect(stdout).toContain('# threadmpi, 3 ranks, algorithm ring\n');
  expect(stdout).toContain('# native MPI not found (install openmpi-bin libopenmpi-dev); skipping');
  expect(stdout).toMatch(/\n# Size +Avg Latency\(us\) +Min Latency\(us\) +Max Latency\(us\) +Iterations +Median Batch\(us\) +algbw\(GB\/s\) +busbw\(GB\/s\) +#wrong\n/);
  expect(stdout).toContain(`the ${algorithms.length} algorithms of this run interleaved in one job per size`);
  for (const result of json.results) {
    expect(result.problems).toEqual([]);
    for (const row of result.rows) {
      expect(row).toMatchObject({ wrong: 0, iterations: 5, nccl_bytes: row.size });
      expect(row.median_batch_us).toBeGreaterThan(0);
      expect(row.min_latency_us!).toBeLessThanOrEqual(row.max_latency_us!);
      expect(row.busbw_gbs!).toBeCloseTo(row.algbw_gbs! * (2 * (result.ranks - 1)) / result.ranks, 10);
    }
  }
  expect(csv).toHaveLength(2 * algorithms.length * 2);
  expect(csv[2]).toMatchObject({ benchmark: 'allreduce', ranks: '2', variant: algorithms[1], size: '8' });
  expect(html).toContain('<script id="report-data" type="application/json">');
  expect(html).not.toMatch(/<script[^>]+src=/);
});

test('--format imb and nccl print those suites\' layouts', async () => {
  const imb = await bench(['bcast', '-n', '2', '-m', '1:2', '-i', '3', '-x', '0', '--format', 'imb']);
  expect(imb.stdout).toContain('# Benchmarking bcast\n# #processes = 2\n');
  expect(imb.stdout).toMatch(/\n +#bytes +#repetitions +t_min\[usec\] +t_max\[usec\] +t_avg\[usec\]/);
  const nccl = await bench(['alltoall', '-n', '2', '-m', '4:4', '-i', '3', '-x', '0', '--format', 'nccl']);
  // nccl-tests' columns first; the median batch follows them.
  expect(nccl.stdout).toMatch(/\n# +size +count +type +redop +root +time +algbw +busbw +#wrong +Median Batch\(us\)\n# +\(B\) +\(elements\)/);
  // nccl-tests counts every rank's block: 2 ranks x 4 B.
  expect(dataRows(nccl.stdout)[0]!.slice(0, 5)).toEqual(['8', '8', 'int8', 'none', '-1']);
});

test('one-sided: every synchronisation mode, window made by Win.Create, results verified', async () => {
  const { json } = await bench(['put_latency', '-m', '8:64', '-s', 'all', '-w', 'create', '-i', '10', '-x', '1']);
  expect(json.results.map((result) => result.variant)).toEqual(['flush', 'lock', 'lock_all', 'fence', 'pscw']);
  for (const result of json.results) {
    expect(result.problems).toEqual([]);
    for (const row of result.rows) expect(row).toMatchObject({ wrong: 0 });
  }
  const atomics = await bench(['cas_latency', '-s', 'fence,lock', '-i', '20', '-x', '2']);
  expect(atomics.json.results.map((result) => [result.variant, result.rows[0]!.size, result.rows[0]!.wrong])).toEqual([
    ['fence', 4, 0],
    ['lock', 4, 0],
  ]);
});

test('report renders saved JSON again as text, Markdown and HTML', async () => {
  const saved = join(dir, 'saved.json');
  const markdown = join(dir, 'saved.md');
  await execFileAsync(process.execPath, [CLI, 'fop_latency', '-s', 'flush', '-i', '10', '-x', '1', '--quiet', '--json', saved]);
  const { stdout } = await execFileAsync(process.execPath, [CLI, 'report', saved, '--format', 'imb']);
  expect(stdout).toContain('# Benchmarking fop_latency');
  await execFileAsync(process.execPath, [CLI, 'report', saved, '--markdown', markdown, '--html', join(dir, 'saved.html')]);
  expect(await readFile(markdown, 'utf8')).toContain('fop_latency');
});

test('a rank count the benchmark cannot run is a usage error (exit 2)', async () => {
  await expect(execFileAsync(process.execPath, [CLI, 'latency', '-n', '4'])).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('latency runs on exactly 2 ranks, not 4'),
  });
});
