/**
 * Every collective algorithm, by collective, under the names Open MPI and MPICH use. Selection
 * (select.ts) picks from these lists; the benchmark package reads them (through
 * `COLLECTIVE_ALGORITHMS`) to measure each one. Adding an algorithm means one file and one line here.
 *
 * Flags say where an algorithm may run:
 *   values          it also serves the lowercase (value) form, whose blocks have sizes only their
 *                   sender knows; algorithms that pack or cut messages need every size up front.
 *   nonCommutative  it combines in rank order, so any operation may use it.
 *
 * The `shm*` algorithms are shared-memory native (shm/segment.ts): ranks read each other's data in
 * a segment of the communicator instead of sending it.
 */
import { bruck as allgatherBruck } from './allgather/bruck.js';
import { shm as allgatherShm } from './allgather/shm.js';
import { shmFlat as allreduceShmFlat } from './allreduce/shm_flat.js';
import { shmSliced as allreduceShmSliced } from './allreduce/shm_sliced.js';
import { shm as barrierShm } from './barrier/shm.js';
import { shm as bcastShm } from './bcast/shm.js';
import { shmFlat as reduceShmFlat } from './reduce/shm_flat.js';
import { shmSliced as reduceShmSliced } from './reduce/shm_sliced.js';
import { linear as allgatherLinear } from './allgather/linear.js';
import { recursiveDoubling as allgatherRecursiveDoubling } from './allgather/recursive_doubling.js';
import { ring as allgatherRing } from './allgather/ring.js';
import { linear as allreduceLinear } from './allreduce/linear.js';
import { rabenseifner } from './allreduce/rabenseifner.js';
import { recursiveDoubling as allreduceRecursiveDoubling } from './allreduce/recursive_doubling.js';
import { reduceBcast } from './allreduce/reduce_bcast.js';
import { ring as allreduceRing } from './allreduce/ring.js';
import { bruck as alltoallBruck } from './alltoall/bruck.js';
import { linear as alltoallLinear } from './alltoall/linear.js';
import { pairwise } from './alltoall/pairwise.js';
import { dissemination } from './barrier/dissemination.js';
import { tree } from './barrier/tree.js';
import { binomial as bcastBinomial } from './bcast/binomial.js';
import { linear as bcastLinear } from './bcast/linear.js';
import { pipeline } from './bcast/pipeline.js';
import { scatterAllgather } from './bcast/scatter_allgather.js';
import { linear as exscanLinear } from './exscan/linear.js';
import { recursiveDoubling as exscanRecursiveDoubling } from './exscan/recursive_doubling.js';
import { linear as gatherLinear } from './gather/linear.js';
import { binomial as reduceBinomial } from './reduce/binomial.js';
import { linear as reduceLinear } from './reduce/linear.js';
import { linear as reduceScatterLinear } from './reduce_scatter/linear.js';
import { ring as reduceScatterRing } from './reduce_scatter/ring.js';
import { linear as scanLinear } from './scan/linear.js';
import { recursiveDoubling as scanRecursiveDoubling } from './scan/recursive_doubling.js';
import { linear as scatterLinear } from './scatter/linear.js';
import type {
  AllgatherAlgorithm, AllreduceAlgorithm, AlltoallAlgorithm, BarrierAlgorithm, BcastAlgorithm, GatherAlgorithm,
  ReduceAlgorithm, ReduceScatterAlgorithm, ScanAlgorithm, ScatterAlgorithm,
} from './signatures.js';

export interface AlgorithmEntry<F> {
  readonly name: string;
  readonly run: F;
  readonly values: boolean;
  readonly nonCommutative: boolean;
}

function algorithm<F>(name: string, run: F, flags: { values?: boolean; commutativeOnly?: boolean } = {}): AlgorithmEntry<F> {
  return { name, run, values: flags.values ?? false, nonCommutative: !(flags.commutativeOnly ?? false) };
}

const ANY = { values: true };

/** The first entry of each list is not special: select.ts decides. */
export const REGISTRY = {
  barrier: [
    algorithm<BarrierAlgorithm>('dissemination', dissemination, ANY),
    algorithm<BarrierAlgorithm>('tree', tree, ANY),
    algorithm<BarrierAlgorithm>('shm', barrierShm, ANY),
  ],
  bcast: [
    algorithm<BcastAlgorithm>('binomial', bcastBinomial, ANY),
    algorithm<BcastAlgorithm>('scatter_allgather', scatterAllgather),
    algorithm<BcastAlgorithm>('pipeline', pipeline),
    algorithm<BcastAlgorithm>('linear', bcastLinear, ANY),
    algorithm<BcastAlgorithm>('shm', bcastShm),
  ],
  gather: [algorithm<GatherAlgorithm>('linear', gatherLinear, ANY)],
  gatherv: [algorithm<GatherAlgorithm>('linear', gatherLinear)],
  scatter: [algorithm<ScatterAlgorithm>('linear', scatterLinear, ANY)],
  scatterv: [algorithm<ScatterAlgorithm>('linear', scatterLinear)],
  allgather: [
    algorithm<AllgatherAlgorithm>('ring', allgatherRing, ANY),
    algorithm<AllgatherAlgorithm>('recursive_doubling', allgatherRecursiveDoubling),
    algorithm<AllgatherAlgorithm>('bruck', allgatherBruck),
    algorithm<AllgatherAlgorithm>('linear', allgatherLinear, ANY),
    algorithm<AllgatherAlgorithm>('shm', allgatherShm),
  ],
  allgatherv: [algorithm<AllgatherAlgorithm>('ring', allgatherRing), algorithm<AllgatherAlgorithm>('linear', allgatherLinear)],
  alltoall: [
    algorithm<AlltoallAlgorithm>('pairwise', pairwise, ANY),
    algorithm<AlltoallAlgorithm>('bruck', alltoallBruck),
    algorithm<AlltoallAlgorithm>('linear', alltoallLinear, ANY),
  ],
  alltoallv: [algorithm<AlltoallAlgorithm>('pairwise', pairwise), algorithm<AlltoallAlgorithm>('linear', alltoallLinear)],
  reduce: [
    algorithm<ReduceAlgorithm>('binomial', reduceBinomial, ANY),
    algorithm<ReduceAlgorithm>('linear', reduceLinear, ANY),
    algorithm<ReduceAlgorithm>('shm_flat', reduceShmFlat),
    algorithm<ReduceAlgorithm>('shm_sliced', reduceShmSliced),
  ],
  allreduce: [
    algorithm<AllreduceAlgorithm>('recursive_doubling', allreduceRecursiveDoubling, ANY),
    algorithm<AllreduceAlgorithm>('ring', allreduceRing, { commutativeOnly: true }),
    algorithm<AllreduceAlgorithm>('rabenseifner', rabenseifner),
    algorithm<AllreduceAlgorithm>('reduce_bcast', reduceBcast, ANY),
    algorithm<AllreduceAlgorithm>('linear', allreduceLinear, ANY),
    algorithm<AllreduceAlgorithm>('shm_flat', allreduceShmFlat),
    algorithm<AllreduceAlgorithm>('shm_sliced', allreduceShmSliced),
  ],
  reduce_scatter_block: [
    algorithm<ReduceScatterAlgorithm>('ring', reduceScatterRing, { commutativeOnly: true }),
    algorithm<ReduceScatterAlgorithm>('linear', reduceScatterLinear),
  ],
  reduce_scatter: [
    algorithm<ReduceScatterAlgorithm>('ring', reduceScatterRing, { commutativeOnly: true }),
    algorithm<ReduceScatterAlgorithm>('linear', reduceScatterLinear),
  ],
  scan: [algorithm<ScanAlgorithm>('recursive_doubling', scanRecursiveDoubling, ANY), algorithm<ScanAlgorithm>('linear', scanLinear, ANY)],
  exscan: [algorithm<ScanAlgorithm>('recursive_doubling', exscanRecursiveDoubling, ANY), algorithm<ScanAlgorithm>('linear', exscanLinear, ANY)],
} as const;

export type Registry = typeof REGISTRY;
export type Collective = keyof Registry;
export type AlgorithmOf<C extends Collective> = Registry[C][number]['run'];

export const COLLECTIVES = Object.keys(REGISTRY) as Collective[];

/** Every algorithm's name, by collective: what `setCollectiveAlgorithm` and `THREADMPI_COLL_<NAME>` accept. */
export const COLLECTIVE_ALGORITHMS: { readonly [C in Collective]: readonly string[] } = Object.fromEntries(
  COLLECTIVES.map((c) => [c, REGISTRY[c].map((a) => a.name)]),
) as unknown as { [C in Collective]: readonly string[] };

export function isCollective(name: string): name is Collective {
  return Object.hasOwn(REGISTRY, name);
}

export function findAlgorithm<C extends Collective>(collective: C, name: string): AlgorithmEntry<AlgorithmOf<C>> | undefined {
  for (const a of REGISTRY[collective] as readonly AlgorithmEntry<AlgorithmOf<C>>[]) if (a.name === name) return a;
  return undefined;
}
