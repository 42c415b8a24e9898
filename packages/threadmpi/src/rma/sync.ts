/**
 * mpi4py.util.sync's shared counter and mutex, on windows: the two helpers one-sided programs
 * reach for first (hand out work items, guard a critical section). Exported as `sync`:
 * `new sync.Counter(comm)`, `new sync.Mutex(comm)`. Both are created and freed collectively;
 * `next`, `acquire` and `release` involve no other rank.
 */
import { LOCK_EXCLUSIVE } from '../constants.js';
import { mpiError } from '../errors.js';
import type { Intracomm } from '../Intracomm.js';
import { SUM } from '../Op.js';
import { describe } from '../protocol/buffers.js';
import { Win } from '../Win.js';
import { checkRank } from './arguments.js';

export interface CounterOptions {
  /** The value the first `next()` returns (default 0). */
  readonly start?: number;
  /** What `next()` adds (default 1). */
  readonly step?: number;
  /** The rank whose memory holds the counter (default 0). */
  readonly root?: number;
}

function integer(value: unknown, what: string, call: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 0x7fffffff) {
    throw mpiError('ERR_ARG', `${call}: ${what} must be a 32-bit integer, got ${describe(value)}`);
  }
  return value;
}

/** A 32-bit integer counter every rank of `comm` can advance atomically (mpi4py's C int). */
export class Counter {
  private readonly win: Win<Int32Array>;
  private readonly root: number;
  private readonly step: number;

  constructor(comm: Intracomm, options: CounterOptions = {}) {
    const start = integer(options.start ?? 0, 'start', 'sync.Counter');
    this.step = integer(options.step ?? 1, 'step', 'sync.Counter');
    this.root = checkRank(options.root ?? 0, comm.size, 'sync.Counter');
    this.win = Win.Allocate(comm, comm.rank === this.root ? 1 : 0, Int32Array);
    if (comm.rank === this.root) this.win.local[0] = start;
    // The Fence publishes `start`; the shared Lock_all epoch then lasts as long as the counter.
    this.win.Fence();
    this.win.Lock_all();
  }

  /** The counter's value before adding `incr` (default: the step) to it. */
  next(incr: number = this.step): number {
    return this.win.Fetch_and_op(integer(incr, 'incr', 'Counter.next'), this.root, 0, SUM) as number;
  }

  /** Release the counter (collective). */
  free(): void {
    this.win.Unlock_all();
    this.win.Free();
  }
}

/** Mutual exclusion among the ranks of `comm`: the exclusive lock of a window, held by at most one rank. */
export class Mutex {
  private readonly win: Win<Int32Array>;
  private held = false;

  private readonly root: number;

  constructor(comm: Intracomm, root = 0) {
    this.root = checkRank(root, comm.size, 'sync.Mutex');
    this.win = Win.Allocate(comm, 0, Int32Array);
  }

  /** Wait until this rank holds the mutex. */
  acquire(): void {
    if (this.held) throw mpiError('ERR_RMA_SYNC', 'Mutex.acquire: this rank already holds the mutex; release() it first');
    this.win.Lock(this.root, LOCK_EXCLUSIVE);
    this.held = true;
  }

  release(): void {
    if (!this.held) throw mpiError('ERR_RMA_SYNC', 'Mutex.release: this rank does not hold the mutex');
    this.win.Unlock(this.root);
    this.held = false;
  }

  /** Whether this rank holds the mutex. */
  locked(): boolean {
    return this.held;
  }

  /** Release the mutex (collective; no rank may hold it). */
  free(): void {
    this.win.Free();
  }
}
