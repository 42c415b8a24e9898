import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectNativeMpi, NATIVE_MISSING_MESSAGE, type NativeMpi } from '../src/native/detect.js';
import { openmpiAlgorithm } from '../src/native/openmpi-algorithms.js';
import { mpirunArguments, mpirunEnvironment, stepArguments } from '../src/native/run.js';

/** A directory standing in for PATH, holding executables that only print what they are told to. */
async function fakeBinDir(programs: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadmpi-bench-path-'));
  for (const [name, script] of Object.entries(programs)) {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${script}\n`);
    await chmod(path, 0o755);
  }
  return dir;
}

describe('native MPI detection', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  const withPath = async (programs: Record<string, string>) => {
    const dir = await fakeBinDir(programs);
    dirs.push(dir);
    return { ...process.env, PATH: dir };
  };

  test('absent mpicc and mpirun give the install hint', async () => {
    const detection = await detectNativeMpi(await withPath({}));
    expect(detection).toEqual({ found: false, message: NATIVE_MISSING_MESSAGE });
    expect(NATIVE_MISSING_MESSAGE).toBe('native MPI not found (install openmpi-bin libopenmpi-dev); skipping');
  });

  test('mpirun without mpicc is not enough to compile the programs', async () => {
    const detection = await detectNativeMpi(await withPath({ mpirun: 'echo "mpirun (Open MPI) 4.1.4"' }));
    expect(detection.found).toBe(false);
  });

  test('both found: Open MPI is recognised from mpirun --version', async () => {
    const env = await withPath({ mpicc: 'exit 0', mpirun: 'echo; echo "mpirun (Open MPI) 4.1.4"; echo; echo "Report bugs"' });
    const detection = await detectNativeMpi(env);
    expect(detection).toEqual({
      found: true,
      mpi: { mpicc: join(env.PATH, 'mpicc'), mpirun: join(env.PATH, 'mpirun'), flavor: 'openmpi', version: 'mpirun (Open MPI) 4.1.4' },
    });
  });

  test('another MPI (MPICH hydra) is "other"', async () => {
    const detection = await detectNativeMpi(await withPath({ mpicc: 'exit 0', mpirun: 'echo "HYDRA build details:"' }));
    expect(detection.found && detection.mpi.flavor).toBe('other');
  });

  test('an mpirun that fails is reported, not thrown', async () => {
    const detection = await detectNativeMpi(await withPath({ mpicc: 'exit 0', mpirun: 'echo broken >&2; exit 3' }));
    expect(detection).toEqual({ found: false, message: expect.stringMatching(/--version` failed .*; skipping$/) });
  });
});

describe('native launch', () => {
  const openmpi: NativeMpi = { mpicc: '/x/mpicc', mpirun: '/x/mpirun', flavor: 'openmpi', version: 'Open MPI' };
  const other: NativeMpi = { ...openmpi, flavor: 'other' };

  test('steps travel as SIZE:ITERATIONS:WARMUP', () => {
    expect(stepArguments([{ size: 8, iterations: 100, warmup: 10 }, { size: 0, iterations: 1, warmup: 0 }])).toEqual([
      '8:100:10',
      '0:1:0',
    ]);
  });

  test('Open MPI is told to oversubscribe; other launchers get plain -n', () => {
    expect(mpirunArguments(openmpi, 2, '/bin/latency', ['8:1:0'])).toEqual(['-n', '2', '--oversubscribe', '/bin/latency', '8:1:0']);
    expect(mpirunArguments(other, 4, '/bin/bw', ['bw', '64'])).toEqual(['-n', '4', '/bin/bw', 'bw', '64']);
  });

  test('launcher arguments (forced algorithms) go before the program', () => {
    const forced = openmpiAlgorithm('allreduce', 'ring')!;
    expect(forced.mpirunArgs).toEqual(['--mca', 'coll_tuned_use_dynamic_rules', '1', '--mca', 'coll_tuned_allreduce_algorithm', '4']);
    expect(mpirunArguments(openmpi, 4, '/bin/coll', ['allreduce'], forced.mpirunArgs).slice(0, 4)).toEqual(['-n', '4', '--oversubscribe', '--mca']);
    expect(mpirunArguments(openmpi, 4, '/bin/coll', ['allreduce'], forced.mpirunArgs).slice(-2)).toEqual(['/bin/coll', 'allreduce']);
    expect(openmpiAlgorithm('barrier', 'dissemination')!.description).toBe('Open MPI coll_tuned barrier algorithm 4 (bruck)');
    // threadmpi's shared-memory algorithms have no Open MPI twin: the library then chooses.
    expect(openmpiAlgorithm('allreduce', 'shm_flat')).toBeNull();
  });

  test('running as root under Open MPI sets both permission variables, and only then', () => {
    const env = { PATH: '/usr/bin' };
    expect(mpirunEnvironment(openmpi, env, true)).toEqual({
      PATH: '/usr/bin',
      OMPI_ALLOW_RUN_AS_ROOT: '1',
      OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
    });
    expect(mpirunEnvironment(openmpi, env, false)).toEqual(env);
    expect(mpirunEnvironment(other, env, true)).toEqual(env);
  });
});
