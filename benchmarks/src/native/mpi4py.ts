/**
 * mpi4py, for the native counterpart of the value benchmarks (native/*.py): a Python whose mpi4py is
 * built on the same MPI library as the `mpirun` found (Debian: `apt-get install python3-mpi4py`, which
 * uses Open MPI). Found once per process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import which from 'which';
import type { NativeMpi } from './detect.js';

const execFileAsync = promisify(execFile);

/** benchmarks/native/, seen from both src/native/ and dist/native/. */
const SOURCE_DIR = fileURLToPath(new URL('../../native/', import.meta.url));

/** The Python scripts under benchmarks/native/, one per `<name>.py`. */
export type PythonProgram = 'value_latency';

export function pythonScript(program: PythonProgram): string {
  return `${SOURCE_DIR}${program}.py`;
}

export const MPI4PY_MISSING_MESSAGE = 'mpi4py not found (install python3-mpi4py); skipping';

export type Mpi4pyDetection = { readonly found: true; readonly python: string; readonly library: string } | { readonly found: false; readonly message: string };

/** Prints the MPI library mpi4py is built on, without initialising MPI. */
const PROBE = 'import mpi4py; mpi4py.rc.initialize = False; from mpi4py import MPI; print(MPI.Get_library_version().splitlines()[0])';

/** Pythons to try: the one on PATH, then the system one (Debian's python3-mpi4py installs for it). */
function candidates(env: NodeJS.ProcessEnv): string[] {
  const onPath = which.sync('python3', { path: env.PATH ?? '', nothrow: true });
  return [...new Set([onPath, '/usr/bin/python3'].filter((path): path is string => path !== null))];
}

/** Whether mpi4py's library is the one `mpi` launches (an Open MPI mpirun cannot start MPICH processes). */
export function sameLibrary(mpi: NativeMpi, library: string): boolean {
  return /open mpi/i.test(library) === (mpi.flavor === 'openmpi');
}

/** The first of `pythons` whose mpi4py is built on `mpi`'s library. */
export async function detectMpi4py(
  mpi: NativeMpi,
  env: NodeJS.ProcessEnv = process.env,
  pythons: readonly string[] = candidates(env),
): Promise<Mpi4pyDetection> {
  let mismatch: string | null = null;
  for (const python of pythons) {
    let library: string;
    try {
      library = (await execFileAsync(python, ['-c', PROBE], { env, timeout: 30_000 })).stdout.trim();
    } catch {
      continue;
    }
    if (sameLibrary(mpi, library)) return { found: true, python, library };
    mismatch = `mpi4py of ${python} is built on ${library}, not on the MPI of ${mpi.mpirun}; skipping`;
  }
  return { found: false, message: mismatch ?? MPI4PY_MISSING_MESSAGE };
}

let cached: Promise<Mpi4pyDetection> | null = null;

/** `detectMpi4py` once per process. */
export function findMpi4py(mpi: NativeMpi): Promise<Mpi4pyDetection> {
  cached ??= detectMpi4py(mpi);
  return cached;
}
