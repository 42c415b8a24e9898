/**
 * Everything one rank of one job owns inside its worker thread: the job's shared memory, the
 * progress engine, the waiter, and the world and self communicators' state.
 */
import { JobMemory, CONTEXT_COUNTER, type JobShape } from '../transport/layout.js';
import { Engine } from '../transport/engine.js';
import { Waiter } from './waiter.js';
import { CommState } from './comm-state.js';

/** Context ids below this are fixed: WORLD uses 0/1, SELF 2/3; Dup/Split allocate from here. */
const FIRST_FREE_CONTEXT = 4;
export const WORLD_CONTEXT = 0;
const SELF_CONTEXT = 2;

export interface RankSetup {
  readonly rank: number;
  readonly sab: SharedArrayBuffer;
  readonly shape: JobShape;
  readonly eagerLimit: number;
  /** Wall-clock origin (ms since the epoch) shared by every rank, so Wtime lines up across ranks. */
  readonly originMs: number;
}

export class RankRuntime {
  readonly rank: number;
  readonly size: number;
  readonly mem: JobMemory;
  readonly engine: Engine;
  readonly waiter: Waiter;
  readonly originMs: number;
  readonly world: CommState;
  readonly self: CommState;

  constructor(setup: RankSetup) {
    this.rank = setup.rank;
    this.size = setup.shape.size;
    this.originMs = setup.originMs;
    this.mem = new JobMemory(setup.sab, setup.shape);
    this.engine = new Engine(this.mem, this.rank, { eagerLimit: setup.eagerLimit });
    this.waiter = new Waiter(this.engine, this.mem, this.rank);
    this.world = new CommState(this, Int32Array.from({ length: this.size }, (_, i) => i), WORLD_CONTEXT, 'WORLD');
    this.self = new CommState(this, Int32Array.of(this.rank), SELF_CONTEXT, 'SELF');
  }

  /** A fresh pair of context ids, unique in the job (one rank allocates, then tells the others). */
  allocateContext(): number {
    return FIRST_FREE_CONTEXT + Atomics.add(this.mem.control, CONTEXT_COUNTER, 2);
  }
}
