/**
 * The collective benchmarks, under the OSU suite's names. Each runs every algorithm the core registers
 * for its collective (`--algo all`), plus `default`, the core's own choice; the native counterpart is
 * the machine's MPI with its own selection.
 */
import { COLLECTIVE_ALGORITHMS, collectiveOverrides, selectAlgorithm, type Collective } from 'threadmpi';
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import { formatSize, MiB } from '../sizes.js';
import type { BenchmarkEntry, CollectiveShape, VariantAxis } from './entry.js';
import { OSU_COLLECTIVE_ITERATIONS } from './iterations.js';

const COLLECTIVES_MODULE = new URL('../ranks/collectives.js', import.meta.url);
/** Any communicator size the launcher accepts; oversubscribing the cores is part of what is measured. */
const COLLECTIVE_RANKS = { default: [2, 4], min: 1, max: 256 } as const;
/** OSU's collective default maximum. */
const MAX_SIZE = 1 * MiB;

const DOUBLE = { name: 'double', bytes: 8 } as const;
const BYTE = { name: 'int8', bytes: 1 } as const;

const whole = (size: number): number => size;
const perRank = (size: number, ranks: number): number => size * ranks;
const one = (): number => 1;
const allButOne = (ranks: number): number => (ranks - 1) / ranks;

function algorithms(collective: Collective): VariantAxis {
  return { kind: 'algorithm', names: [DEFAULT_ALGORITHM, ...COLLECTIVE_ALGORITHMS[collective]], defaultName: DEFAULT_ALGORITHM };
}

/**
 * What the `default` rows ran: the core's selection for each measured size (by size in bytes),
 * with this process's environment, which the ranks share.
 */
export function defaultChoices(shape: CollectiveShape, ranks: number, sizes: readonly number[]): Record<string, string> {
  const overrides = collectiveOverrides(process.env);
  const chosen: Record<string, string> = {};
  for (const size of sizes) {
    const bytes = shape.selectionBytes(size, ranks);
    chosen[size] = selectAlgorithm({ collective: shape.collective, commSize: ranks, bytes, commutative: true, values: false }, overrides);
  }
  return chosen;
}

/** `defaultChoices` as a note, e.g. `default = shm_flat (8 B - 16 KiB), shm_sliced (32 KiB - 1 MiB)`. */
export function defaultChoiceNote(chosen: Readonly<Record<string, string>>, sizes: readonly number[]): string {
  const runs: Array<{ algorithm: string; from: number; to: number }> = [];
  for (const size of sizes) {
    const algorithm = chosen[size]!;
    const last = runs[runs.length - 1];
    if (last?.algorithm === algorithm) last.to = size;
    else runs.push({ algorithm, from: size, to: size });
  }
  const range = (from: number, to: number): string => (from === to ? formatSize(from) : `${formatSize(from)} - ${formatSize(to)}`);
  return `${DEFAULT_ALGORITHM} = the core's choice: ${runs.map((r) => `${r.algorithm} (${range(r.from, r.to)})`).join(', ')}`;
}

interface CollectiveSpec {
  readonly osu: string;
  readonly title: string;
  readonly description: string;
  readonly shape: CollectiveShape;
  readonly minSize: number;
  readonly maxSize: number;
  readonly sizeNote: string;
}

/** A collective's entry always has its shape and its algorithms. */
export type CollectiveEntry = BenchmarkEntry & { readonly collective: CollectiveShape; readonly variants: VariantAxis };

function collectiveEntry(spec: CollectiveSpec): CollectiveEntry {
  const { collective } = spec.shape;
  return {
    description: spec.description,
    title: spec.title,
    metric: 'latency',
    payload: 'bytes',
    ranksModule: COLLECTIVES_MODULE,
    fn: spec.osu,
    rankArgs: [],
    ranks: COLLECTIVE_RANKS,
    sizes: { min: spec.minSize, max: spec.maxSize },
    iterations: OSU_COLLECTIVE_ITERATIONS,
    baselines: [],
    spinReference: false,
    native: { program: 'coll', leadingArgs: [spec.osu], variantArg: false },
    notes: [spec.sizeNote, 'Avg/Min/Max over ranks of each rank\'s mean time per call (IMB t_avg/t_min/t_max)'],
    variants: algorithms(collective),
    collective: spec.shape,
    verified: true,
    windowCreationArg: false,
  };
}

const REDUCTION_NOTE = 'Float64 SUM; Size = bytes of the whole vector';
const BLOCK_NOTE = 'Size = bytes of one rank\'s block';

const reduction = (collective: Collective, ncclBusFactor: (ranks: number) => number): CollectiveShape => ({
  collective,
  element: DOUBLE,
  redop: 'sum',
  root: collective === 'reduce' ? 0 : -1,
  ncclBytes: whole,
  busFactor: ncclBusFactor,
  selectionBytes: whole,
});

const movement = (collective: Collective, root: number, busFactor: (ranks: number) => number): CollectiveShape => ({
  collective,
  element: BYTE,
  redop: 'none',
  root,
  ncclBytes: perRank,
  busFactor,
  selectionBytes: perRank,
});

export const COLLECTIVE_BENCHMARKS = {
  barrier: collectiveEntry({
    osu: 'barrier',
    title: 'OSU MPI Barrier Latency Test',
    description: 'Barrier latency, every algorithm (osu_barrier)',
    shape: { ...movement('barrier', -1, one), ncclBytes: () => 0, selectionBytes: () => 0 },
    minSize: 0,
    maxSize: 0,
    sizeNote: 'no payload (Size 0)',
  }),
  bcast: collectiveEntry({
    osu: 'bcast',
    title: 'OSU MPI Broadcast Latency Test',
    description: 'Bcast latency from rank 0, every algorithm (osu_bcast)',
    shape: { ...movement('bcast', 0, one), ncclBytes: whole, selectionBytes: whole },
    minSize: 1,
    maxSize: MAX_SIZE,
    sizeNote: 'Size = bytes broadcast',
  }),
  reduce: collectiveEntry({
    osu: 'reduce',
    title: 'OSU MPI Reduce Latency Test',
    description: 'Reduce (Float64 SUM) latency to rank 0, every algorithm (osu_reduce)',
    shape: reduction('reduce', one),
    minSize: DOUBLE.bytes,
    maxSize: MAX_SIZE,
    sizeNote: REDUCTION_NOTE,
  }),
  allreduce: collectiveEntry({
    osu: 'allreduce',
    title: 'OSU MPI Allreduce Latency Test',
    description: 'Allreduce (Float64 SUM) latency, every algorithm (osu_allreduce)',
    shape: reduction('allreduce', (ranks) => (2 * (ranks - 1)) / ranks),
    minSize: DOUBLE.bytes,
    maxSize: MAX_SIZE,
    sizeNote: REDUCTION_NOTE,
  }),
  reduce_scatter: collectiveEntry({
    osu: 'reduce_scatter',
    title: 'OSU MPI Reduce_scatter Latency Test',
    description: 'Reduce_scatter (Float64 SUM) latency, OSU split of counts, every algorithm (osu_reduce_scatter)',
    shape: reduction('reduce_scatter', allButOne),
    minSize: DOUBLE.bytes,
    maxSize: MAX_SIZE,
    sizeNote: `${REDUCTION_NOTE}, split in equal counts, remainder to the first ranks`,
  }),
  gather: collectiveEntry({
    osu: 'gather',
    title: 'OSU MPI Gather Latency Test',
    description: 'Gather latency to rank 0, every algorithm (osu_gather)',
    shape: movement('gather', 0, allButOne),
    minSize: 1,
    maxSize: MAX_SIZE,
    sizeNote: BLOCK_NOTE,
  }),
  scatter: collectiveEntry({
    osu: 'scatter',
    title: 'OSU MPI Scatter Latency Test',
    description: 'Scatter latency from rank 0, every algorithm (osu_scatter)',
    shape: movement('scatter', 0, allButOne),
    minSize: 1,
    maxSize: MAX_SIZE,
    sizeNote: BLOCK_NOTE,
  }),
  allgather: collectiveEntry({
    osu: 'allgather',
    title: 'OSU MPI Allgather Latency Test',
    description: 'Allgather latency, every algorithm (osu_allgather)',
    shape: movement('allgather', -1, allButOne),
    minSize: 1,
    maxSize: MAX_SIZE,
    sizeNote: BLOCK_NOTE,
  }),
  alltoall: collectiveEntry({
    osu: 'alltoall',
    title: 'OSU MPI All-to-All Personalized Exchange Latency Test',
    description: 'Alltoall latency, every algorithm (osu_alltoall)',
    shape: movement('alltoall', -1, allButOne),
    minSize: 1,
    maxSize: MAX_SIZE,
    sizeNote: BLOCK_NOTE,
  }),
} as const satisfies Record<string, CollectiveEntry>;
