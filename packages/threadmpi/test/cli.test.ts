/** The `threadmpi run` command as a user runs it: exit codes, output, reports. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const dir = fileURLToPath(new URL('./programs/', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function program(name: string, source: string): string {
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  return file;
}

test('a TypeScript program runs on n ranks with its arguments, and --tag-output prefixes lines', () => {
  const file = program('cli-args.ts', `import { COMM_WORLD as c } from 'threadmpi';\nconst who: string = process.argv.slice(2).join('+');\nconsole.log(\`rank \${c.rank}/\${c.size} \${who}\`);\n`);
  const r = run(['-n', '3', '--tag-output', file, 'a', 'b']);
  expect(r.code).toBe(0);
  expect(r.out.trim().split('\n').sort()).toEqual(['[0] rank 0/3 a+b', '[1] rank 1/3 a+b', '[2] rank 2/3 a+b']);
});

test('whatever follows the program is its own, options included', () => {
  const file = program('cli-own-args.mjs', `import { COMM_WORLD as c } from 'threadmpi';\nconsole.log(\`rank \${c.rank} \${JSON.stringify(process.argv.slice(2))}\`);\n`);
  const r = run(['-n', '2', file, '--timeout', '0.001', '-n', '5', '--help']);
  expect(r.code).toBe(0);
  expect(r.out.trim().split('\n').sort()).toEqual(['rank 0 ["--timeout","0.001","-n","5","--help"]', 'rank 1 ["--timeout","0.001","-n","5","--help"]']);
});

test('a TypeScript program runs with the TypeScript and JavaScript files it imports, each knowing its own URL', () => {
  program('cli-imports/helper.ts', `export function greet(rank: number): string {\n  return \`rank \${rank} from \${new URL(import.meta.url).pathname.split('/').pop()}\`;\n}\n`);
  program('cli-imports/plain.mjs', `export const name = new URL(import.meta.url).pathname.split('/').pop();\n`);
  const file = program('cli-imports.ts', `import { COMM_WORLD as c } from 'threadmpi';\nimport { greet } from './cli-imports/helper.js';\nimport { name } from './cli-imports/plain.mjs';\nconsole.log(\`\${greet(c.rank)}, \${name}, \${new URL(import.meta.url).pathname.split('/').pop()}\`);\n`);
  // The compiled program goes to a temporary directory, removed when the job ends.
  const temp = mkdtempSync(join(tmpdir(), 'threadmpi-cli-test-'));
  const r = run(['-n', '2', file], { ...process.env, TMPDIR: temp });
  expect(r.err).toBe('');
  expect(r.out.trim().split('\n').sort()).toEqual(['rank 0 from helper.ts, plain.mjs, cli-imports.ts', 'rank 1 from helper.ts, plain.mjs, cli-imports.ts']);
  expect(readdirSync(temp)).toEqual([]);
});

test('an error thrown in an imported TypeScript file is reported at its .ts file and line', () => {
  program('cli-throws/check.ts', `export function check(rank: number): void {\n  const limit: number = 1;\n  if (rank >= limit) throw new Error(\`rank \${rank} is over the limit\`);\n}\n`);
  const file = program('cli-throws.ts', `import { COMM_WORLD as c } from 'threadmpi';\nimport { check } from './cli-throws/check.js';\n\ncheck(c.rank);\n`);
  const r = run(['-n', '2', file]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/rank 1 failed\nError: rank 1 is over the limit/);
  expect(r.err).toMatch(/cli-throws[/\\]check\.ts:3:\d+/);
  expect(r.err).toMatch(/cli-throws\.ts:4:\d+/);
});

test('a TypeScript program that does not compile is refused, with its file and line', () => {
  const file = program('cli-syntax.ts', `import { COMM_WORLD as c } from 'threadmpi';\nconst rank: number = c.rank +;\n`);
  const r = run(['-n', '2', file]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/cli-syntax\.ts:2:\d+/);
  expect(r.err).toMatch(/threadmpi: cannot compile .*cli-syntax\.ts/);
});

test('a program that leaves a timer running still ends when its ranks have returned', () => {
  // Each one-shot rank thread ends itself after handing back its outcome (runtime/thread.ts):
  // a pending interval must not keep the job, or the CLI, alive.
  const file = program('cli-open-timer.mjs', `import { COMM_WORLD as c } from 'threadmpi';\nsetInterval(() => {}, 1000);\nc.Barrier();\nconsole.log(\`rank \${c.rank} done\`);\n`);
  const started = Date.now();
  const r = run(['-n', '2', file]);
  expect(r.code).toBe(0);
  expect(r.out.trim().split('\n').sort()).toEqual(['rank 0 done', 'rank 1 done']);
  // Well inside the 60 s spawn timeout, which a thread kept alive by its timer would run into.
  expect(Date.now() - started).toBeLessThan(20_000);
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
