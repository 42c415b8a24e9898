/**
 * Leftovers: at the end of a job that succeeded, requests never completed, messages never received
 * and communicators never freed are warned about on stderr, fail the job with `leftovers: 'error'`,
 * or are ignored.
 */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { closePool, LeftoversError, mpirun, type LeftoversMode } from 'threadmpi';

const prog = new URL('./programs/diag-leftovers.mjs', import.meta.url);
const run = (fn: string, leftovers: LeftoversMode) => mpirun(2, prog, { fn, leftovers, timeoutMs: 20_000 });

async function leftoversOf(fn: string): Promise<LeftoversError> {
  const error = await run(fn, 'error').then(() => new Error('expected LeftoversError'), (e: unknown) => e);
  if (!(error instanceof LeftoversError)) throw error;
  return error;
}

/** What the launcher writes on stderr while `action` runs. */
async function stderrOf(action: () => Promise<unknown>): Promise<string> {
  let text = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  try {
    await action();
  } finally {
    spy.mockRestore();
  }
  return text;
}

afterAll(() => closePool());

test("leftovers: 'error' lists a pending request, an unreceived message and an unfreed communicator", async () => {
  const e = await leftoversOf('leaveThingsBehind');
  expect(e.leftovers.map((l) => [l.rank, l.kind])).toEqual([[0, 'request'], [0, 'message'], [0, 'communicator'], [1, 'communicator']]);
  const texts = e.leftovers.map((l) => l.text);
  expect(texts[0]).toBe('rank 0: irecv(source=1, tag=42, comm=WORLD) was never completed (wait for it, or cancel it)');
  expect(texts[1]).toMatch(/^rank 0: a message from rank 1 \(tag=7, comm=WORLD, \d+ bytes\) was sent but never received$/);
  expect(texts[2]).toMatch(/^rank 0: communicator WORLD\.dup created at test\/programs\/diag-leftovers\.mjs:\d+:\d+ was never freed \(call Free\(\)\)$/);
  expect(e.message).toContain('left 4 things behind');
});

test('requests whose operation completed but that were never waited for are leftovers', async () => {
  const e = await leftoversOf('forgetRequests');
  for (const rank of [0, 1]) {
    const texts = e.leftovers.filter((l) => l.rank === rank && l.kind === 'request').map((l) => l.text);
    expect(texts.slice(0, 2)).toEqual([
      `rank ${rank}: isend(dest=${1 - rank}, tag=5, comm=WORLD) completed but was never waited for (call wait() or test() on its request)`,
      `rank ${rank}: Isend(dest=${1 - rank}, tag=6, comm=WORLD) completed but was never waited for (call wait() or test() on its request)`,
    ]);
    // Whether the Iallreduce got as far as finishing depends on when it was last driven.
    expect(texts[2]).toMatch(new RegExp(`^rank ${rank}: Iallreduce\\(op=SUM, comm=WORLD\\) (completed but was never waited for|was never completed)`));
    expect(texts).toHaveLength(3);
  }
});

test('a message sent after its receiver returned is found in shared memory', async () => {
  const e = await leftoversOf('sendAfterReceiverReturned');
  expect(e.leftovers.map((l) => l.text)).toEqual(['rank 0: a message from rank 1 (tag=9, comm=WORLD, 24 bytes) was sent but never received']);
});

test('a window never freed is one leftover, named after its communicator', async () => {
  const e = await leftoversOf('leaveWindow');
  expect(e.leftovers.map((l) => l.text)).toEqual([0, 1].map((rank) =>
    expect.stringMatching(new RegExp(`^rank ${rank}: window WORLD\\.win created at test/programs/diag-leftovers\\.mjs:\\d+:\\d+ was never freed \\(call Free\\(\\)\\)$`))));
});

test("'warn' writes one warning per item and the job succeeds", async () => {
  let results: unknown[] = [];
  const text = await stderrOf(async () => {
    results = await run('leaveThingsBehind', 'warn');
  });
  expect(results).toEqual(['WORLD.dup', 'WORLD.dup']);
  expect(text.split('\n').filter((l) => l.startsWith('threadmpi: warning: '))).toHaveLength(4);
  expect(text).toContain('threadmpi: warning: rank 0: irecv(source=1, tag=42, comm=WORLD) was never completed');
});

test("'ignore' says nothing", async () => {
  expect(await stderrOf(() => run('leaveThingsBehind', 'ignore'))).toBe('');
});

test('a tidy job has no leftovers, even in error mode', async () => {
  expect(await run('tidy', 'error')).toEqual([1, 0]);
});

test("checks: false reports no leftovers, unless 'leftovers' asks", async () => {
  expect(await stderrOf(() => mpirun(2, prog, { fn: 'leaveThingsBehind', checks: false, timeoutMs: 20_000 }))).toBe('');
  await expect(mpirun(2, prog, { fn: 'leaveThingsBehind', checks: false, leftovers: 'error' })).rejects.toBeInstanceOf(LeftoversError);
});

test('leftovers must be warn, error or ignore', async () => {
  await expect(mpirun(1, prog, { fn: 'tidy', leftovers: 'loud' as LeftoversMode })).rejects.toThrow(/leftovers must be 'warn', 'error' or 'ignore'/);
});

test('the CLI fails the job with --leftovers error', () => {
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const program = fileURLToPath(new URL('./programs/diag-cli-leftover.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [cli, 'run', '-n', '2', '--leftovers', 'error', program], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(
    'threadmpi: the job finished but left 1 thing behind:\nrank 1: a message from rank 0 (tag=3, comm=WORLD, 8 bytes) was sent but never received\n',
  );
});

test('the CLI with --no-checks says nothing about leftovers', () => {
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const program = fileURLToPath(new URL('./programs/diag-cli-leftover.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [cli, 'run', '-n', '2', '--no-checks', program], { encoding: 'utf8', timeout: 60_000 });
  expect([r.status, r.stderr]).toEqual([0, '']);
});
