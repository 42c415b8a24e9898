/**
 * Starts the rank threads before the rest of the CLI is evaluated, so that their start-up (a
 * Node.js environment each, then the library) overlaps the CLI's own (commander, the launcher,
 * option checks), and with them the compile of a TypeScript program (program-module.ts). main.ts
 * imports this module first, and a bundle evaluates modules in import order. Only the plain form
 * `run -n N ...` (or `--np N`) is read here, and the program only if it comes right after; any
 * other command line starts its threads and compile once the options are parsed, as before.
 */
import { MAX_RANKS } from '../launcher/pool.js';
import { prestartThreads } from '../launcher/threads.js';
import { enableCompileCache } from '../runtime/compile-cache.js';
import { programModule } from './program-module.js';

// Before any rank thread starts, so that they use it too.
enableCompileCache();

const [command, flag, value, file] = process.argv.slice(2);
const n = Number(value);
if (command === 'run' && (flag === '-n' || flag === '--np') && /^\d+$/.test(value ?? '') && n >= 1 && n <= MAX_RANKS) {
  prestartThreads(n);
  // The `run` action awaits the same promise and reports a failure; this only starts it.
  if (file !== undefined && !file.startsWith('-')) programModule(file).catch(() => {});
}
