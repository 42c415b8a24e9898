import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MessageStep } from '../measure/timing.js';
import type { NativeMpi } from './detect.js';

const execFileAsync = promisify(execFile);

/** A stuck native job must not hang the whole benchmark run. */
const NATIVE_TIMEOUT_MS = 10 * 60 * 1000;

/** The programs take the plan as "SIZE:ITERATIONS:WARMUP" arguments (see native/common.h). */
export function stepArguments(steps: readonly MessageStep[]): string[] {
  return steps.map((step) => `${step.size}:${step.iterations}:${step.warmup}`);
}

/**
 * `mpirun` arguments; Open MPI refuses more ranks than cores unless told to oversubscribe.
 * `launcherArgs` (e.g. `--mca` settings) go before the program.
 */
export function mpirunArguments(
  mpi: NativeMpi,
  ranks: number,
  binary: string,
  args: readonly string[],
  launcherArgs: readonly string[] = [],
): string[] {
  return ['-n', String(ranks), ...(mpi.flavor === 'openmpi' ? ['--oversubscribe'] : []), ...launcherArgs, binary, ...args];
}

/** Open MPI refuses to run as root unless both of these are set. */
export function mpirunEnvironment(mpi: NativeMpi, env: NodeJS.ProcessEnv, isRoot: boolean): NodeJS.ProcessEnv {
  if (mpi.flavor !== 'openmpi' || !isRoot) return env;
  return { ...env, OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' };
}

/** Runs `binary` on `ranks` processes and returns its standard output. */
export async function runNativeProgram(
  mpi: NativeMpi,
  ranks: number,
  binary: string,
  args: readonly string[],
  launcherArgs: readonly string[] = [],
): Promise<string> {
  const env = mpirunEnvironment(mpi, process.env, process.getuid?.() === 0);
  const { stdout } = await execFileAsync(mpi.mpirun, mpirunArguments(mpi, ranks, binary, args, launcherArgs), {
    env,
    timeout: NATIVE_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}
