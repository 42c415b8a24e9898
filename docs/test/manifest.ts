/**
 * The example manifest (examples/manifest.json): which example programs run, how, and what they
 * must print. Loaded and checked here so that a typo in the manifest fails loudly instead of
 * silently skipping an example.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const examplesDir = path.join(docsDir, 'examples');
export const expectedDir = path.join(examplesDir, 'expected');

export interface ExampleEntry {
  /** Program in examples/. */
  file: string;
  /** `cli` (default): `threadmpi run -n N [flags] file args`. `node`: `node --import tsx file args`, for programs that call mpirun themselves. */
  launch: 'cli' | 'node';
  /** Number of ranks; only for `cli`. */
  n?: number;
  /** CLI options placed before the program, e.g. ["--eager-limit", "0"]. */
  flags: string[];
  /** Arguments after the program (process.argv.slice(2) in every rank). */
  args: string[];
  /** File in examples/expected/ holding the exact stdout. */
  expected: string;
  /** `sorted`: ranks print concurrently, so lines are compared after sorting. */
  order: 'exact' | 'sorted';
  /** 0, or `nonzero` for examples that demonstrate a failure (a deadlock report). */
  exit: 0 | 'nonzero';
  /** Regular expressions that stderr must match (the failure report). */
  stderrMatches: string[];
  /** File in examples/expected/ holding the exact stderr, for a report a page shows verbatim. */
  stderr?: string;
  /** File in examples/expected/ holding the wait-for graph that `--deadlock-dot` writes. */
  dot?: string;
  /** Further example files the program imports (they are covered by this entry). */
  uses: string[];
}

type RawEntry = Partial<ExampleEntry> & { file?: unknown };

const KNOWN_KEYS = new Set(['file', 'launch', 'n', 'flags', 'args', 'expected', 'order', 'exit', 'stderrMatches', 'stderr', 'dot', 'uses']);

function fail(index: number, message: string): never {
  throw new Error(`examples/manifest.json entry ${index}: ${message}`);
}

function stringList(value: unknown, index: number, key: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) fail(index, `${key} must be a list of strings`);
  return value;
}

function parseEntry(raw: RawEntry, index: number): ExampleEntry {
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.has(key)) fail(index, `unknown key '${key}'`);
  if (typeof raw.file !== 'string') fail(index, 'file must be a string');
  if (typeof raw.expected !== 'string') fail(index, 'expected must be a string');
  for (const key of ['stderr', 'dot'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'string') fail(index, `${key} must be a file name`);
  }
  const launch = raw.launch ?? 'cli';
  if (launch !== 'cli' && launch !== 'node') fail(index, `launch must be 'cli' or 'node', not ${JSON.stringify(launch)}`);
  if (raw.dot !== undefined && launch !== 'cli') fail(index, 'dot needs a cli entry (--deadlock-dot is a CLI flag)');
  if (launch === 'cli' && !(Number.isInteger(raw.n) && (raw.n as number) >= 1)) fail(index, 'a cli entry needs n >= 1');
  if (launch === 'node' && raw.n !== undefined) fail(index, 'a node entry chooses its rank count itself; remove n');
  const order = raw.order ?? 'exact';
  if (order !== 'exact' && order !== 'sorted') fail(index, `order must be 'exact' or 'sorted'`);
  const exit = raw.exit ?? 0;
  if (exit !== 0 && exit !== 'nonzero') fail(index, `exit must be 0 or 'nonzero'`);
  return {
    file: raw.file,
    launch,
    n: raw.n,
    flags: stringList(raw.flags, index, 'flags'),
    args: stringList(raw.args, index, 'args'),
    expected: raw.expected,
    order,
    exit,
    stderrMatches: stringList(raw.stderrMatches, index, 'stderrMatches'),
    stderr: raw.stderr,
    dot: raw.dot,
    uses: stringList(raw.uses, index, 'uses'),
  };
}

export function parseManifest(raw: unknown): ExampleEntry[] {
  if (!Array.isArray(raw)) throw new Error('examples/manifest.json must be a list of entries');
  return raw.map((entry: RawEntry, index) => parseEntry(entry, index));
}

export function loadManifest(): ExampleEntry[] {
  return parseManifest(JSON.parse(readFileSync(path.join(examplesDir, 'manifest.json'), 'utf8')));
}

/** How an entry is named in test output: the command a reader would type. */
export function describeEntry(entry: ExampleEntry): string {
  const parts = entry.launch === 'cli' ? ['threadmpi run', `-n ${entry.n}`, ...entry.flags, entry.file] : ['node', entry.file];
  return [...parts, ...entry.args].join(' ');
}

