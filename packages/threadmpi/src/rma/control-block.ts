/**
 * The shared control block of one window: the words every synchronisation call of the window
 * works on (fence barrier, per-target locks, post/complete counters), in one SharedArrayBuffer
 * that the window's rank 0 allocates and every member maps.
 *
 *   +---------------------------------------------------+  line 0
 *   | barrier arrived  : ranks in the current fence     |  1 line
 *   | barrier round    : fences completed               |  1 line
 *   | lock lines       : one per target rank            |  n lines  (state, waiters)
 *   | rank lines       : one per rank, written by it    |  n lines  (fence entered, lock awaited, flush)
 *   | complete lines   : one per target rank           |  n lines  (Complete calls received)
 *   | post rows        : one row per origin rank       |  n rows of ceil(n/16) lines
 *   +---------------------------------------------------+
 *
 * Every word that different ranks write for different reasons gets its own 64-byte line, so a
 * rank polling its lock or its post row is not slowed by writes to unrelated words (false
 * sharing). A post row is written by many targets, but each target writes it once per epoch.
 *
 * Waiting on any of these words goes through the rank's Waiter (spin, then park on the rank's
 * doorbell): that is what checks the job's abort flag, marks the rank BLOCKED for the deadlock
 * detector and keeps the rank's message progress going. So whoever changes a word another rank
 * may be parked on rings that rank's doorbell afterwards (`ring`).
 */
import { INT32_PER_LINE, type Doorbell } from '@threadmpi/atomics';
import type { CommState } from '../runtime/comm-state.js';
import type { Waitable } from '../transport/ops.js';

/** Lock line fields (rma/locks.ts). */
export const LOCK_STATE = 0;
/** Ranks waiting to take this lock: a release scans for them only when this is non-zero. */
export const LOCK_WAITERS = 1;

/** Rank line fields. */
export const RANK_FENCE_ENTERED = 0;
/** Target + 1 of the lock this rank is waiting for, 0 when none. */
export const RANK_AWAITED_LOCK = 1;
/** A word only this rank writes, so Flush/Sync can issue a full memory barrier without contention. */
export const RANK_FLUSH = 2;

const BARRIER_ARRIVED = 0;
const BARRIER_ROUND = INT32_PER_LINE;

export class ControlBlock {
  readonly words: Int32Array;
  readonly rank: number;
  readonly size: number;
  private readonly lockBase: number;
  private readonly rankBase: number;
  private readonly completeBase: number;
  private readonly postBase: number;
  private readonly postRowWords: number;
  /** Each member's doorbell, by comm rank. */
  private readonly bells: readonly Doorbell[];

  static bytesFor(size: number): number {
    return ControlBlock.wordsFor(size) * Int32Array.BYTES_PER_ELEMENT;
  }

  private static wordsFor(size: number): number {
    return (2 + 3 * size + size * postRowLines(size)) * INT32_PER_LINE;
  }

  constructor(
    buffer: SharedArrayBuffer,
    /** The window's communicator: who the members are and how this rank waits. */
    readonly comm: CommState,
  ) {
    this.rank = comm.rank;
    this.size = comm.size;
    this.words = new Int32Array(buffer, 0, ControlBlock.wordsFor(this.size));
    this.lockBase = 2 * INT32_PER_LINE;
    this.rankBase = this.lockBase + this.size * INT32_PER_LINE;
    this.completeBase = this.rankBase + this.size * INT32_PER_LINE;
    this.postBase = this.completeBase + this.size * INT32_PER_LINE;
    this.postRowWords = postRowLines(this.size) * INT32_PER_LINE;
    this.bells = Array.from({ length: this.size }, (_, r) => comm.runtime.mem.doorbell(comm.worldRankOf(r)));
  }

  get arrivedWord(): number {
    return BARRIER_ARRIVED;
  }
  get roundWord(): number {
    return BARRIER_ROUND;
  }
  lockWord(target: number, field: number): number {
    return this.lockBase + target * INT32_PER_LINE + field;
  }
  rankWord(rank: number, field: number): number {
    return this.rankBase + rank * INT32_PER_LINE + field;
  }
  /** Complete calls that origins have made towards `target`. */
  completeWord(target: number): number {
    return this.completeBase + target * INT32_PER_LINE;
  }
  /** Post calls that `target` has made towards `origin`. */
  postWord(origin: number, target: number): number {
    return this.postBase + origin * this.postRowWords + target;
  }

  /** Wake comm rank `r` if it is parked, so it re-checks whatever it waits for. */
  ring(r: number): void {
    if (r !== this.rank) this.bells[r]!.ring();
  }

  /** Block this rank until `condition` holds (see the module comment). */
  waitFor(condition: Waitable): void {
    this.comm.runtime.waiter.wait(condition);
  }

  /** World ranks of the given comm ranks, as the deadlock detector names ranks. */
  worldRanks(commRanks: Iterable<number>): number[] {
    return Array.from(commRanks, (r) => this.comm.worldRankOf(r));
  }

  /** A full memory barrier: an atomic read-modify-write on a word no other rank writes. */
  memoryBarrier(): void {
    Atomics.add(this.words, this.rankWord(this.rank, RANK_FLUSH), 1);
  }
}

function postRowLines(size: number): number {
  return Math.ceil(size / INT32_PER_LINE);
}
