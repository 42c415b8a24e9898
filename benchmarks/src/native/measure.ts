import { parseOsuRows } from '../format/osu.js';
import type { MessageStep } from '../measure/timing.js';
import { buildNativeProgram, type NativeProgram } from './build.js';
import type { NativeMpi } from './detect.js';
import { findMpi4py, pythonScript, type PythonProgram } from './mpi4py.js';
import { runNativeProgram, stepArguments } from './run.js';

/**
 * Which native program mirrors a benchmark. Its arguments are `leadingArgs`, then the variant when
 * `variantArg` (a one-sided synchronisation mode; collectives leave the algorithm to the native MPI),
 * then the rank function's own arguments, then the steps: the same plan as the threadmpi side.
 */
export type NativeCounterpart = CCounterpart | Mpi4pyCounterpart;

interface CounterpartArguments {
  readonly leadingArgs: readonly string[];
  readonly variantArg: boolean;
}

/** A C program, native/<program>.c, built with mpicc; its comparison column is `native`. */
export interface CCounterpart extends CounterpartArguments {
  readonly runtime?: 'c';
  readonly program: NativeProgram;
}

/** A script native/<program>.py run by Python with mpi4py; its comparison column is `mpi4py`. */
export interface Mpi4pyCounterpart extends CounterpartArguments {
  readonly runtime: 'mpi4py';
  readonly program: PythonProgram;
}

/** The comparison column a counterpart fills: `native_us`, or `mpi4py_us`. */
export function counterpartColumn(counterpart: NativeCounterpart): { readonly key: string; readonly label: string } {
  return counterpart.runtime === 'mpi4py' ? { key: 'mpi4py', label: 'mpi4py' } : { key: 'native', label: 'native' };
}

export function nativeArguments(counterpart: NativeCounterpart, variant: string | null, rankArgs: readonly unknown[]): string[] {
  return [...counterpart.leadingArgs, ...(counterpart.variantArg && variant !== null ? [variant] : []), ...rankArgs.map(String)];
}

/** Column of the primary figure (Avg Latency or Bandwidth) in every native program's rows. */
const PRIMARY_COLUMN = 1;

/** Runs `program` with `args` over all steps at once; returns its primary figure by message size. */
export async function measureNative(
  mpi: NativeMpi,
  program: NativeProgram,
  args: readonly string[],
  ranks: number,
  steps: readonly MessageStep[],
  launcherArgs: readonly string[] = [],
): Promise<Map<number, number>> {
  const binary = await buildNativeProgram(mpi, program);
  const output = await runNativeProgram(mpi, ranks, binary, [...args, ...stepArguments(steps)], launcherArgs);
  return figuresOf(program, output, steps);
}

/** Thrown when the counterpart cannot run here (no mpi4py): a note, not a failure. */
export class CounterpartMissing extends Error {}

/** Runs the Python counterpart `program` under mpi4py; throws CounterpartMissing without mpi4py. */
export async function measureMpi4py(
  mpi: NativeMpi,
  program: PythonProgram,
  args: readonly string[],
  ranks: number,
  steps: readonly MessageStep[],
): Promise<Map<number, number>> {
  const found = await findMpi4py(mpi);
  if (!found.found) throw new CounterpartMissing(found.message);
  const output = await runNativeProgram(mpi, ranks, found.python, [pythonScript(program), ...args, ...stepArguments(steps)]);
  return figuresOf(program, output, steps);
}

function figuresOf(program: string, output: string, steps: readonly MessageStep[]): Map<number, number> {
  const rows = parseOsuRows(output);
  if (rows.length !== steps.length) {
    throw new Error(`native ${program} printed ${rows.length} rows for ${steps.length} sizes:\n${output}`);
  }
  return new Map(rows.map((cells) => [cells[0]!, cells[PRIMARY_COLUMN]!]));
}
