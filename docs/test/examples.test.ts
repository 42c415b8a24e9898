/**
 * Runs every example program listed in examples/manifest.json through the threadmpi CLI and
 * compares what it prints with examples/expected/. The pages include these same files, so the
 * code a reader sees is the code tested here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeEntry, expectedDir, loadManifest } from './manifest.js';
import { cliPath, normaliseOutput, runExample } from './run-example.js';

const entries = loadManifest();
// Where entries that check the wait-for graph have `--deadlock-dot` write it.
const scratch = mkdtempSync(path.join(tmpdir(), 'threadmpi-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => {
  if (!existsSync(cliPath)) {
    throw new Error(`threadmpi CLI not built: ${cliPath} is missing. Run \`pnpm run build\` at the repository root first.`);
  }
});

describe('example programs print what the docs say', () => {
  for (const entry of entries) {
    const name = describeEntry(entry);
    test(name, async () => {
      const expected = readFileSync(path.join(expectedDir, entry.expected), 'utf8');
      const dotFile = entry.dot === undefined ? undefined : path.join(scratch, entry.dot);
      const run = await runExample(entry, dotFile);
      const exitedAsExpected = entry.exit === 0 ? run.exitCode === 0 : run.exitCode !== null && run.exitCode !== 0;
      if (!exitedAsExpected) {
        const how = run.signal === null ? `exit code ${run.exitCode}` : `signal ${run.signal} (killed at the time limit?)`;
        throw new Error(`${name}: expected exit ${entry.exit}, got ${how}\n--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}`);
      }
      expect(normaliseOutput(run.stdout, entry.order)).toEqual(normaliseOutput(expected, entry.order));
      for (const pattern of entry.stderrMatches) expect(run.stderr).toMatch(new RegExp(pattern));
      if (entry.stderr !== undefined) {
        const report = readFileSync(path.join(expectedDir, entry.stderr), 'utf8');
        expect(normaliseOutput(run.stderr, 'exact')).toEqual(normaliseOutput(report, 'exact'));
      }
      if (entry.dot !== undefined && dotFile !== undefined) {
        const graph = readFileSync(path.join(expectedDir, entry.dot), 'utf8');
        expect(normaliseOutput(readFileSync(dotFile, 'utf8'), 'exact')).toEqual(normaliseOutput(graph, 'exact'));
      }
    });
  }
});
