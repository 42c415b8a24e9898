/**
 * Everything one rank of one job owns inside its worker thread: the job's shared memory, the
 * progress engine, the waiter, and the world and self communicators' state.
 */
import { OpenRequests } from '../diagnostics/open-requests.js';
import { JobMemory, CONTEXT_COUNTER, RANK_INBOX_OPEN, type JobShape } from '../transport/layout.js';
import { Engine } from '../transport/engine.js';
import { Waiter } from './waiter.js';
import { CommState } from './comm-state.js';
import { BufferChannel } from '../transport/buffer-channel.js';
import { BlockingP2p } from '../p2p/blocking.js';

/** Context ids below this are fixed: WORLD uses 0/1, SELF 2/3; Dup/Split allocate from here. */
const FIRST_FREE_CONTEXT = 4;
export const WORLD_CONTEXT = 0;
const SELF_CONTEXT = 2;

export interface RankSetup {
  /** Names the job's buffer channels: unique among the jobs of this process. */
  readonly jobId: number;
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
  /** The blocking point-to-point calls and the operations they reuse. */
  readonly p2p: BlockingP2p;
  readonly originMs: number;
  readonly world: CommState;
  readonly self: CommState;
  readonly buffers: BufferChannel;
  /** Requests made and not yet completed by wait or test, for the leftovers report. */
  readonly requests = new OpenRequests();

  constructor(setup: RankSetup) {
    this.rank = setup.rank;
    this.size = setup.shape.size;
    this.originMs = setup.originMs;
    this.mem = new JobMemory(setup.sab, setup.shape);
    // Open the inbox before any rank can send: a BroadcastChannel only delivers to open channels,
    // and every rank constructs its runtime before running user code.
    this.buffers = new BufferChannel(
      String(setup.jobId),
      this.rank,
      (r) => ({ words: this.mem.control, index: this.mem.rankWord(r, RANK_INBOX_OPEN) }),
      () => this.waiter.checkAbort(),
    );
    this.buffers.open();
    this.engine = new Engine(this.mem, this.rank, { eagerLimit: setup.eagerLimit }, this.buffers);
    this.waiter = new Waiter(this.engine, this.mem, this.rank);
    this.p2p = new BlockingP2p(this.engine, this.waiter);
    this.world = new CommState(this, Int32Array.from({ length: this.size }, (_, i) => i), WORLD_CONTEXT, 'WORLD');
    this.self = new CommState(this, Int32Array.of(this.rank), SELF_CONTEXT, 'SELF');
  }

  /** The rank is done with this job: release what outlives a job in a warm worker. */
  close(): void {
    this.buffers.close();
  }

  /** A fresh pair of context ids, unique in the job (one rank allocates, then tells the others). */
  allocateContext(): number {
    return FIRST_FREE_CONTEXT + Atomics.add(this.mem.control, CONTEXT_COUNTER, 2);
  }
}
