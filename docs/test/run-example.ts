/** Runs one manifest entry as a child process and normalises what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { docsDir, examplesDir, type ExampleEntry } from './manifest.js';

export const cliPath = path.resolve(docsDir, '../packages/threadmpi/dist/cli/main.js');

/** Generous for a few ranks on 2 cores shared with other jobs (examples that take 2 to 5 s on an idle
 *  machine have taken 15 to 30 s under heavy load), but bounded: a hung example fails instead of
 *  stalling CI. */
export const EXAMPLE_TIMEOUT_MS = 60_000;

export interface ExampleRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `dotFile`: where `--deadlock-dot` writes the wait-for graph, for entries that check it. */
export function commandFor(entry: ExampleEntry, dotFile?: string): string[] {
  const program = path.join(examplesDir, entry.file);
  if (entry.launch === 'node') return ['--import', 'tsx', program, ...entry.args];
  const dot = dotFile === undefined ? [] : ['--deadlock-dot', dotFile];
  return [cliPath, 'run', '-n', String(entry.n), ...entry.flags, ...dot, program, ...entry.args];
}

export function runExample(entry: ExampleEntry, dotFile?: string): Promise<ExampleRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      commandFor(entry, dotFile),
      // From examples/, as a reader runs them: reports then name `ring.ts:9:5` as the pages show.
      { cwd: examplesDir, timeout: EXAMPLE_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // execFile reports a non-zero exit as an error; the exit code is what the test judges.
        const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ exitCode, signal: error?.signal ?? null, stdout, stderr });
      },
    );
  });
}

/** Lines without trailing blanks or trailing empty lines; sorted when the ranks print concurrently. */
export function normaliseOutput(text: string, order: ExampleEntry['order']): string[] {
  const lines = text.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return order === 'sorted' ? lines.sort() : lines;
}
