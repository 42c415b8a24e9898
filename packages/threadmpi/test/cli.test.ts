/** The `threadmpi run` command as a user runs it: exit codes, output, reports. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const dir = fileURLToPath(new URL('./programs/', import.meta.url));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function program(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

test('a TypeScript program runs on n ranks with its arguments, and --tag-output prefixes lines', () => {
  const file = program('cli-args.ts', `import { COMM_WORLD as c } from 'threadmpi';\nconst who: string = process.argv.slice(2).join('+');\nconsole.log(\`rank \${c.rank}/\${c.size} \${who}\`);\n`);
  const r = run(['-n', '3', '--tag-output', file, 'a', 'b']);
  expect(r.code).toBe(0);
  expect(r.out.trim().split('\n').sort()).toEqual(['[0] rank 0/3 a+b', '[1] rank 1/3 a+b', '[2] rank 2/3 a+b']);
});

test('a failing rank makes the exit status non-zero and the report names it', () => {
  const file = program('cli-fail.mjs', `import { COMM_WORLD as c } from 'threadmpi';\nif (c.rank === 1) throw new Error('boom on one');\nc.recv(1);\n`);
  const r = run(['-n', '2', file]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/rank 1 failed/);
  expect(r.err).toMatch(/boom on one/);
});

test('Abort(code) becomes the exit status', () => {
  const file = program('cli-abort.mjs', `import { COMM_WORLD as c } from 'threadmpi';\nif (c.rank === 0) c.Abort(4);\nc.recv(0);\n`);
  expect(run(['-n', '2', file]).code).toBe(4);
});

test('a deadlock is reported with calls, source lines and the cycle', () => {
  const file = program('cli-deadlock.ts', `import { COMM_WORLD as c } from 'threadmpi';\nconst other = 1 - c.rank;\nc.ssend('x', other, 7);\nc.recv(other, 7);\n`);
  const r = run(['-n', '2', '--deadlock-ms', '200', file]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/rank 0: ssend\(dest=1, tag=7, comm=WORLD\) at .*cli-deadlock\.ts:3:\d+/);
  expect(r.err).toMatch(/cycle: rank 0 -> rank 1 -> rank 0/);
});

test('--timeout stops a runaway job', () => {
  const file = program('cli-spin.mjs', `for (;;);\n`);
  const r = run(['-n', '2', '--timeout', '0.5', file]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/did not finish within 500 ms/);
});

test('bad flags are refused with a message', () => {
  const r = run(['-n', '0', 'x.js']);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/-n must be an integer >= 1/);
  void mkdtempSync;
});
