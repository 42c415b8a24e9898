/** Deadlock reports through the CLI: the report on stderr, a non-zero exit, and --deadlock-dot. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const program = fileURLToPath(new URL('./programs/diag-cli-unsafe.mjs', import.meta.url));

test('--eager-limit 0 turns an unsafe exchange into a reported deadlock, and --deadlock-dot draws it', () => {
  const dot = join(mkdtempSync(join(tmpdir(), 'threadmpi-dot-')), 'deadlock.dot');
  const r = spawnSync(process.execPath, [cli, 'run', '-n', '2', '--eager-limit', '0', '--deadlock-ms', '200', '--deadlock-dot', dot, program], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^threadmpi: deadlock detected\nrank 0: send\(dest=1, tag=0, comm=WORLD\) at test\/programs\/diag-cli-unsafe\.mjs:5:6, waiting for rank 1\n/);
  expect(r.stderr).toMatch(/^cycle: rank [01] -> rank [01] -> rank [01]$/m);
  const graph = readFileSync(dot, 'utf8');
  expect(graph).toMatch(/^digraph deadlock \{/);
  expect(graph).toContain('rank0 -> rank1 [color=red, penwidth=2];');
  expect(graph).toContain('rank1 -> rank0 [color=red, penwidth=2];');
  expect(graph).toContain('send(dest=1, tag=0, comm=WORLD)\\nat test/programs/diag-cli-unsafe.mjs:5:6');
});

test('without --eager-limit 0 the same program passes on buffering', () => {
  const r = spawnSync(process.execPath, [cli, 'run', '-n', '2', program], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  expect(r.stdout.trim().split('\n').sort()).toEqual(["rank 0 received 'greetings from rank 1'", "rank 1 received 'greetings from rank 0'"]);
});
