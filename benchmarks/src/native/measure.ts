import { parseOsuRows } from '../format/osu.js';
import type { MessageStep } from '../measure/timing.js';
import { buildNativeProgram, type NativeProgram } from './build.js';
import type { NativeMpi } from './detect.js';
import { runNativeProgram, stepArguments } from './run.js';

/**
 * Which native program mirrors a benchmark. Its arguments are `leadingArgs`, then the variant when
 * `variantArg` (a one-sided synchronisation mode; collectives leave the algorithm to the native MPI),
 * then the rank function's own arguments, then the steps: the same plan as the threadmpi side.
 */
export interface NativeCounterpart {
  readonly program: NativeProgram;
  readonly leadingArgs: readonly string[];
  readonly variantArg: boolean;
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
  const rows = parseOsuRows(output);
  if (rows.length !== steps.length) {
    throw new Error(`native ${program} printed ${rows.length} rows for ${steps.length} sizes:\n${output}`);
  }
  return new Map(rows.map((cells) => [cells[0]!, cells[PRIMARY_COLUMN]!]));
}
