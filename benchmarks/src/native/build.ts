import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { NativeMpi } from './detect.js';

const execFileAsync = promisify(execFile);

/** benchmarks/native/, seen from both src/native/ and dist/native/. */
const SOURCE_DIR = fileURLToPath(new URL('../../native/', import.meta.url));
const SHARED_HEADER = join(SOURCE_DIR, 'common.h');

/** The C programs under benchmarks/native/, one per `<name>.c`. */
export type NativeProgram = 'latency' | 'bw' | 'coll' | 'rma';

/** Where compiled programs are cached between runs (ignored by git). */
export const DEFAULT_NATIVE_CACHE_DIR = join(SOURCE_DIR, 'bin');

/** Compiles `program` with mpicc unless the cached binary is newer than its sources; returns its path. */
export async function buildNativeProgram(
  mpi: NativeMpi,
  program: NativeProgram,
  cacheDir: string = DEFAULT_NATIVE_CACHE_DIR,
): Promise<string> {
  const source = join(SOURCE_DIR, `${program}.c`);
  const binary = join(cacheDir, program);
  const binaryTime = await modifiedAt(binary);
  const sourcesTime = Math.max(await modifiedAt(source), await modifiedAt(SHARED_HEADER));
  if (binaryTime > sourcesTime) return binary;
  await mkdir(cacheDir, { recursive: true });
  await execFileAsync(mpi.mpicc, ['-O2', '-o', binary, source]);
  return binary;
}

/** Modification time in ms, or -Infinity when the file does not exist. */
async function modifiedAt(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return -Infinity;
  }
}
