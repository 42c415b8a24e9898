/**
 * The one-sided benchmarks (OSU's osu_put_latency family), each under every synchronisation mode
 * (`--sync all`). The native counterpart runs the same mode.
 */
import { SYNC_MODES } from '../ranks/epochs.js';
import type { Metric } from '../measure/timing.js';
import { MiB } from '../sizes.js';
import type { BenchmarkEntry, VariantAxis } from './entry.js';
import { OSU_BANDWIDTH_ITERATIONS, OSU_LATENCY_ITERATIONS } from './iterations.js';

const ONE_SIDED_MODULE = new URL('../ranks/one-sided.js', import.meta.url);
const PAIR = { default: [2], min: 2, max: 2 } as const;
/** OSU's window of operations per synchronisation in osu_put_bw / osu_get_bw. */
export const RMA_WINDOW = 64;
/** OSU's default synchronisation: one lock, a flush after every operation. */
const SYNC: VariantAxis = { kind: 'sync', names: SYNC_MODES, defaultName: 'flush' };

interface OneSidedSpec {
  readonly fn: string;
  readonly title: string;
  readonly description: string;
  readonly metric: Metric;
  readonly sizes: { readonly min: number; readonly max: number };
  readonly note: string;
}

function oneSidedEntry(spec: OneSidedSpec): BenchmarkEntry {
  const bandwidth = spec.metric === 'bandwidth';
  return {
    description: spec.description,
    title: spec.title,
    metric: spec.metric,
    payload: 'bytes',
    ranksModule: ONE_SIDED_MODULE,
    fn: spec.fn,
    rankArgs: bandwidth ? [RMA_WINDOW] : [],
    ranks: PAIR,
    sizes: spec.sizes,
    iterations: bandwidth ? OSU_BANDWIDTH_ITERATIONS : OSU_LATENCY_ITERATIONS,
    // A put moves memory between threads: one copy of the same bytes on one thread is its floor.
    baselines: bandwidth ? ['copy'] : [],
    spinReference: false,
    native: { program: 'rma', leadingArgs: [spec.fn], variantArg: true },
    notes: [spec.note, bandwidth ? `window of ${RMA_WINDOW} operations per synchronisation` : 'latency = one operation plus its synchronisation'],
    variants: SYNC,
    collective: null,
    verified: true,
    windowCreationArg: true,
  };
}

const BYTES = { min: 1, max: 4 * MiB };

export const ONE_SIDED_BENCHMARKS = {
  put_latency: oneSidedEntry({
    fn: 'put_latency', metric: 'latency', sizes: BYTES, note: 'Put of Size bytes',
    title: 'OSU MPI_Put Latency Test', description: 'Put latency under each synchronisation mode (osu_put_latency)',
  }),
  get_latency: oneSidedEntry({
    fn: 'get_latency', metric: 'latency', sizes: BYTES, note: 'Get of Size bytes',
    title: 'OSU MPI_Get Latency Test', description: 'Get latency under each synchronisation mode (osu_get_latency)',
  }),
  acc_latency: oneSidedEntry({
    fn: 'acc_latency', metric: 'latency', sizes: { min: 8, max: 1 * MiB }, note: 'Accumulate of Size bytes of Float64, SUM',
    title: 'OSU MPI_Accumulate Latency Test', description: 'Accumulate (Float64 SUM) latency under each synchronisation mode (osu_acc_latency)',
  }),
  fop_latency: oneSidedEntry({
    fn: 'fop_latency', metric: 'latency', sizes: { min: 4, max: 4 }, note: 'Fetch_and_op of one Int32, SUM',
    title: 'OSU MPI_Fetch_and_op latency Test', description: 'Fetch_and_op (Int32 SUM) latency under each synchronisation mode (osu_fop_latency)',
  }),
  cas_latency: oneSidedEntry({
    fn: 'cas_latency', metric: 'latency', sizes: { min: 4, max: 4 }, note: 'Compare_and_swap of one Int32',
    title: 'OSU MPI_Compare_and_swap latency Test', description: 'Compare_and_swap (Int32) latency under each synchronisation mode (osu_cas_latency)',
  }),
  put_bw: oneSidedEntry({
    fn: 'put_bw', metric: 'bandwidth', sizes: BYTES, note: 'Put of Size bytes',
    title: 'OSU MPI_Put Bandwidth Test', description: 'Put bandwidth under each synchronisation mode, vs one memory copy (osu_put_bw)',
  }),
  get_bw: oneSidedEntry({
    fn: 'get_bw', metric: 'bandwidth', sizes: BYTES, note: 'Get of Size bytes',
    title: 'OSU MPI_Get Bandwidth Test', description: 'Get bandwidth under each synchronisation mode, vs one memory copy (osu_get_bw)',
  }),
} as const satisfies Record<string, BenchmarkEntry>;
