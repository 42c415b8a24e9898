import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import which from 'which';
import { firstLineOf } from '../errors.js';

const execFileAsync = promisify(execFile);

export const NATIVE_MISSING_MESSAGE = 'native MPI not found (install openmpi-bin libopenmpi-dev); skipping';

/** A native MPI installation usable for the side-by-side runs. */
export interface NativeMpi {
  readonly mpicc: string;
  readonly mpirun: string;
  /** Open MPI needs extra flags (oversubscription, running as root) that other launchers reject. */
  readonly flavor: 'openmpi' | 'other';
  /** First line of `mpirun --version`, recorded with the results. */
  readonly version: string;
}

export type NativeDetection =
  | { readonly found: true; readonly mpi: NativeMpi }
  | { readonly found: false; readonly message: string };

/** Looks for `mpicc` and `mpirun` on `env.PATH` (the caller's environment by default). */
export async function detectNativeMpi(env: NodeJS.ProcessEnv = process.env): Promise<NativeDetection> {
  const path = env.PATH ?? '';
  const mpicc = which.sync('mpicc', { path, nothrow: true });
  const mpirun = which.sync('mpirun', { path, nothrow: true });
  if (mpicc === null || mpirun === null) return { found: false, message: NATIVE_MISSING_MESSAGE };
  try {
    const { stdout } = await execFileAsync(mpirun, ['--version'], { env });
    const version = stdout.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown version';
    return { found: true, mpi: { mpicc, mpirun, flavor: /open mpi/i.test(version) ? 'openmpi' : 'other', version } };
  } catch (error) {
    return { found: false, message: `native MPI found but \`${mpirun} --version\` failed (${firstLineOf(error)}); skipping` };
  }
}
