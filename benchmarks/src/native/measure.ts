import { parseOsuRows } from '../format/osu.js';
import type { MessageStep } from '../measure/timing.js';
import { buildNativeProgram, type NativeProgram } from './build.js';
import type { NativeMpi } from './detect.js';
import { runNativeProgram, stepArguments } from './run.js';

/** Which native program mirrors a benchmark, and the arguments that come before its steps. */
export interface NativeCounterpart {
  readonly program: NativeProgram;
  readonly leadingArgs: readonly string[];
}

/** Column of the primary figure (Avg Latency or Bandwidth) in every native program's rows. */
const PRIMARY_COLUMN = 1;

/** Runs the native counterpart over all steps at once; returns its primary figure by message size. */
export async function measureNative(
  mpi: NativeMpi,
  counterpart: NativeCounterpart,
  ranks: number,
  steps: readonly MessageStep[],
): Promise<Map<number, number>> {
  const binary = await buildNativeProgram(mpi, counterpart.program);
  const output = await runNativeProgram(mpi, ranks, binary, [...counterpart.leadingArgs, ...stepArguments(steps)]);
  const rows = parseOsuRows(output);
  if (rows.length !== steps.length) {
    throw new Error(`native ${counterpart.program} printed ${rows.length} rows for ${steps.length} sizes:\n${output}`);
  }
  return new Map(rows.map((cells) => [cells[0]!, cells[PRIMARY_COLUMN]!]));
}
