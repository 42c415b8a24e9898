/**
 * `threadmpi-bench startup`: how long `threadmpi run -n N` of a hello-world takes from the shell,
 * next to `mpirun -n N` of the C hello-world (when Open MPI or another MPI is installed) and to
 * `node -e 0`, the floor any Node.js program pays. The commands run in interleaved rounds (one of
 * each per round, after untimed warm-up rounds), so a machine whose load changes skews every
 * command alike; ratios are between medians of the same run. Times are wall-clock from spawn to
 * exit, as hyperfine measures them.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectNativeMpi, type NativeDetection } from '../native/detect.js';
import { DEFAULT_NATIVE_CACHE_DIR } from '../native/build.js';
import { mpirunArguments, mpirunEnvironment } from '../native/run.js';
import { describeMachine } from '../machine.js';

export interface StartupOptions {
  readonly ranks: number;
  readonly runs: number;
  readonly warmup: number;
  /** Also time the TypeScript hello-world (the CLI compiles it once for all ranks). */
  readonly ts: boolean;
  readonly compareMpi: boolean;
  readonly json?: string;
}

interface Command {
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export interface StartupFigures {
  readonly name: string;
  readonly command: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly failures: number;
}

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

/** The same greeting as hello-rank.ts, in C. */
const HELLO_C = `#include <mpi.h>
#include <stdio.h>
int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  printf("Hello from rank %d of %d\\n", rank, size);
  MPI_Finalize();
  return 0;
}
`;

export async function runStartup(options: StartupOptions): Promise<void> {
  const native = options.compareMpi ? await detectNativeMpi() : null;
  const commands = await startupCommands(options, native);
  const figures = measure(commands, options);
  printFigures(figures, options);
  if (options.json !== undefined) {
    const machine = describeMachine(native?.found ? native.mpi.version : null, new Date());
    await writeFile(options.json, JSON.stringify({ benchmark: 'startup', machine, options, figures }, null, 2) + '\n');
  }
  if (figures.some((f) => f.failures > 0)) process.exitCode = 1;
}

async function startupCommands(options: StartupOptions, native: NativeDetection | null): Promise<Command[]> {
  const cli = join(dirname(require.resolve('threadmpi/package.json')), 'dist', 'cli', 'main.js');
  const hello = join(HERE, 'hello-rank.js');
  const commands: Command[] = [
    { name: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
    { name: `threadmpi run -n ${options.ranks} hello.js`, file: process.execPath, args: [cli, 'run', '-n', String(options.ranks), hello] },
  ];
  if (options.ts) {
    // Next to the compiled program, so that 'threadmpi' resolves the same way.
    const helloTs = join(HERE, 'hello-rank.ts');
    await writeFile(helloTs, "import { COMM_WORLD } from 'threadmpi';\nconst rank: number = COMM_WORLD.rank;\nconsole.log(`Hello from rank ${rank} of ${COMM_WORLD.size}`);\n");
    commands.push({ name: `threadmpi run -n ${options.ranks} hello.ts`, file: process.execPath, args: [cli, 'run', '-n', String(options.ranks), helloTs] });
  }
  if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
    // Node 20 reads and parses these certificates before it runs any JavaScript, in every Node
    // process (not in mpirun): this row shows what that costs here.
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    commands.push({ name: 'node -e 0 without NODE_EXTRA_CA_CERTS', file: process.execPath, args: ['-e', '0'], env });
  }
  if (native !== null) {
    if (!native.found) console.log(`# ${native.message}`);
    else {
      const binary = await buildHello(native.mpi.mpicc);
      commands.push({
        name: `mpirun -n ${options.ranks} hello_c`,
        file: native.mpi.mpirun,
        args: mpirunArguments(native.mpi, options.ranks, binary, []),
        env: mpirunEnvironment(native.mpi, process.env, process.getuid?.() === 0),
      });
    }
  }
  return commands;
}

/** Compiles the C hello-world into the native programs' cache, unless it is there already. */
async function buildHello(mpicc: string): Promise<string> {
  const binary = join(DEFAULT_NATIVE_CACHE_DIR, 'hello');
  const exists = await stat(binary).then(() => true, () => false);
  if (exists) return binary;
  await mkdir(DEFAULT_NATIVE_CACHE_DIR, { recursive: true });
  const source = `${binary}.c`;
  await writeFile(source, HELLO_C);
  const built = spawnSync(mpicc, ['-O2', '-o', binary, source], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`${mpicc} failed on the hello-world: ${built.stderr}`);
  return binary;
}

function measure(commands: readonly Command[], options: StartupOptions): StartupFigures[] {
  const times = commands.map(() => [] as number[]);
  const failures = commands.map(() => 0);
  for (let round = -options.warmup; round < options.runs; round++) {
    commands.forEach((command, i) => {
      const t0 = performance.now();
      const r = spawnSync(command.file, command.args, { env: command.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = performance.now() - t0;
      if (round < 0) return;
      if (r.status !== 0) {
        failures[i]!++;
        if (failures[i] === 1) console.error(`# ${command.name} failed (status ${r.status}): ${r.stderr.toString().trim().split('\n')[0]}`);
      } else times[i]!.push(ms);
    });
  }
  return commands.map((command, i) => {
    const sorted = [...times[i]!].sort((a, b) => a - b);
    return {
      name: command.name,
      command: [command.file, ...command.args].join(' '),
      runs: sorted.length,
      medianMs: sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!,
      minMs: sorted[0] ?? NaN,
      meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      failures: failures[i]!,
    };
  });
}

function printFigures(figures: readonly StartupFigures[], options: StartupOptions): void {
  const baseline = figures[0]!;
  const native = figures.find((f) => f.name.startsWith('mpirun'));
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`# threadmpi start-up: wall-clock from spawn to exit, ${options.runs} interleaved rounds after ${options.warmup} warm-up`);
  console.log(`# ${'Command'.padEnd(width - 2)}  Median(ms)  Min(ms)  Mean(ms)  vs node -e 0${native ? '  vs mpirun' : ''}`);
  for (const f of figures) {
    const cells = [f.name.padEnd(width), fixed(f.medianMs, 10), fixed(f.minMs, 7), fixed(f.meanMs, 8), ratio(f.medianMs, baseline.medianMs, 12)];
    if (native) cells.push(ratio(f.medianMs, native.medianMs, 10));
    console.log(cells.join('  '));
  }
  if (native) {
    const ours = figures[1]!;
    const r = ours.medianMs / native.medianMs;
    console.log(`# target: ${ours.name} within half of ${native.name}: ${r.toFixed(2)}x ${r <= 0.5 ? '(met)' : '(not met)'}`);
  }
}

const fixed = (ms: number, width: number): string => ms.toFixed(1).padStart(width);
const ratio = (ms: number, base: number, width: number): string => `${(ms / base).toFixed(2)}x`.padStart(width);
