/**
 * Finding the line of the user's program that made an MPI call: the first stack frame outside
 * threadmpi's own files and Node's internals. Only computed on demand (deadlock reports,
 * diagnostics), never on the message path.
 */
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's dist/ (or src/) directory: frames inside it are ours, not the user's. */
const OWN_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export function userCallSite(): string | undefined {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = saved;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (m === null) continue;
    let file = m[1]!;
    if (file.startsWith('node:') || file.includes('/node_modules/piscina/')) continue;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (file.startsWith(OWN_DIR)) continue;
    return `${relative(process.cwd(), file) || file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
