/**
 * The shape of every collective's algorithms: one function type per collective, so that every
 * algorithm of a collective is interchangeable and the registry can list them side by side.
 *
 * Data is bytes. A block whose size this rank cannot know in advance (a serialized value in the
 * lowercase collectives) is `null` until the algorithm receives it; algorithms that need every
 * size up front (pipelines, anything that packs several blocks into one message) are marked in the
 * registry as typed-only and are never chosen for values.
 */
import type { Exchange, Schedule } from './exchange.js';
import type { Reduction, TypedReduction } from './reduction.js';
import type { Partition } from './ring.js';

/** One block per rank, indexed by rank; null = not known yet (received as a blob). */
export type Blocks = (Uint8Array | null)[];

/** A broadcast message: the root's bytes, or where the others receive (null = a blob). */
export interface BcastData {
  bytes: Uint8Array | null;
}

export interface AllgatherData {
  /** blocks[rank] holds this rank's contribution on entry; every block is filled on return. */
  readonly blocks: Blocks;
  /** The whole receive buffer when all blocks are equal and back to back in rank order, else null. */
  readonly uniform: Uint8Array | null;
}

export interface AlltoallData {
  /** send[i]: what this rank sends rank i. */
  readonly send: readonly Uint8Array[];
  /** recv[i]: where rank i's block lands; filled on return. */
  readonly recv: Blocks;
  /** True when every block, sent and received, has the same known size. */
  readonly uniform: boolean;
}

export type BarrierAlgorithm = (c: Exchange) => Schedule;
export type BcastAlgorithm = (c: Exchange, data: BcastData, root: number) => Schedule;
/** At the root, blocks[root] is filled and the others are filled on return; elsewhere only blocks[rank] is used. */
export type GatherAlgorithm = (c: Exchange, blocks: Blocks, root: number) => Schedule;
/** At the root every block is given; elsewhere blocks[rank] is filled on return. */
export type ScatterAlgorithm = (c: Exchange, blocks: Blocks, root: number) => Schedule;
export type AllgatherAlgorithm = (c: Exchange, data: AllgatherData) => Schedule;
export type AlltoallAlgorithm = (c: Exchange, data: AlltoallData) => Schedule;
/** Returns the result at the root, null elsewhere. */
export type ReduceAlgorithm = <P>(c: Exchange, r: Reduction<P>, root: number) => Schedule<P | null>;
export type AllreduceAlgorithm = <P>(c: Exchange, r: Reduction<P>) => Schedule<P>;
/** Scan: this rank's prefix. Exscan: the prefix of the lower ranks, null at rank 0. */
export type ScanAlgorithm = <P>(c: Exchange, r: Reduction<P>) => Schedule<P | null>;
/** Reduces the whole vector; returns this rank's block (`partition` cuts the vector by rank). */
export type ReduceScatterAlgorithm = (c: Exchange, r: TypedReduction, partition: Partition) => Schedule<Uint8Array>;
