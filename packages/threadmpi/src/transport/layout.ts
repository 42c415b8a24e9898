/**
 * The shared memory of one job: one SharedArrayBuffer that every rank and the launcher map.
 *
 *   +---------------------------------------------+  offset 0
 *   | job line     : abort state/code/rank/kind    |  1 cache line
 *   | context line : next communicator context id  |  1 cache line
 *   | rank lines   : one per rank (state, counters)|  size cache lines
 *   | doorbells    : one per rank (2 lines each)   |  2 * size cache lines
 *   | describe text: 4 KiB per rank                |  what a blocked rank is doing, on request
 *   | coll. ledger : 8 KiB per rank                |  its latest collectives (diagnostics/collective-ledger.ts)
 *   | rings        : size x size SPSC rings        |  ring(s -> d) carries every record s sends d
 *   +---------------------------------------------+
 *
 * Every word that two different threads write lives on its own 64-byte line, so a rank updating
 * its state never invalidates another rank's cache line (false sharing). The rings dominate the
 * size; their pages are only touched when used, so untouched rings of large jobs cost no memory.
 */
import { Doorbell, INT32_PER_LINE, SpscRing, CACHE_LINE_BYTES } from '@threadmpi/atomics';

/** Job line (written by whoever aborts first; read by everyone on every poll). */
export const JOB_ABORT = 0;
export const JOB_ABORT_CODE = 1;
export const JOB_ABORT_RANK = 2;
export const JOB_ABORT_KIND = 3;
/** Context line: communicator context ids are handed out from here (Atomics.add). */
export const CONTEXT_COUNTER = INT32_PER_LINE;

/** Why a job is aborting. */
export const AbortKind = { NONE: 0, RANK_FAILED: 1, ABORT_CALLED: 2, DEADLOCK: 3, TIMEOUT: 4, STOPPED: 5 } as const;

/** Rank line fields. STATE and UNBLOCKS are written by the rank; DESCRIBE_REQUEST by the launcher. */
export const RANK_STATE = 0;
export const RANK_UNBLOCKS = 1;
export const RANK_DESCRIBE_REQUEST = 2;
export const RANK_DESCRIBE_DONE = 3;
export const RANK_TEXT_LENGTH = 4;
/** Set once the rank's buffer-channel inbox is open (a BroadcastChannel drops posts made earlier). */
export const RANK_INBOX_OPEN = 5;
/** When the rank last became BLOCKED or FINISHED (diagnostics/state-clock.ts), for the deadlock monitor. */
export const RANK_STATE_SINCE = 7;
/** Bytes of the rank's failure report (JSON) in its text area; 0 while it has not failed. */
export const RANK_FAILURE_LENGTH = 6;

export const RankState = { RUNNING: 0, BLOCKED: 1, FINISHED: 2, FAILED: 3 } as const;

export const DESCRIBE_TEXT_BYTES = 4096;
export const COLLECTIVE_LEDGER_BYTES = 8192;
const MIN_RING = 64 * 1024;
const MAX_RING = 1024 * 1024;
const RING_BUDGET = 64 * 1024 * 1024;

/** The numbers that fix a job's layout; sent to every rank so they map the SAB identically. */
export interface JobShape {
  readonly size: number;
  readonly ringCapacity: number;
}

export function shapeFor(size: number): JobShape {
  let cap = MAX_RING;
  while (cap > MIN_RING && cap * size * size > RING_BUDGET) cap >>= 1;
  return { size, ringCapacity: cap };
}

export class JobMemory {
  /** Job, context and rank lines as Int32 words. */
  readonly control: Int32Array;
  private readonly doorbellBase: number;
  private readonly textBase: number;
  private readonly ledgerBase: number;
  private readonly ringBase: number;
  private readonly ringStride: number;

  static bytesFor(shape: JobShape): number {
    return new JobMemory(null, shape).totalBytes;
  }

  static allocate(shape: JobShape): SharedArrayBuffer {
    return new SharedArrayBuffer(JobMemory.bytesFor(shape));
  }

  readonly totalBytes: number;

  constructor(readonly sab: SharedArrayBuffer | null, readonly shape: JobShape) {
    const n = shape.size;
    const controlLines = 2 + n;
    this.doorbellBase = controlLines * CACHE_LINE_BYTES;
    this.textBase = this.doorbellBase + n * Doorbell.BYTES;
    this.ledgerBase = this.textBase + n * DESCRIBE_TEXT_BYTES;
    this.ringBase = this.ledgerBase + n * COLLECTIVE_LEDGER_BYTES;
    this.ringStride = SpscRing.bytesFor(shape.ringCapacity);
    this.totalBytes = this.ringBase + n * n * this.ringStride;
    this.control = sab === null ? new Int32Array(0) : new Int32Array(sab, 0, controlLines * INT32_PER_LINE);
  }

  /** Index in `control` of a field of rank `r`'s line. */
  rankWord(r: number, field: number): number {
    return (2 + r) * INT32_PER_LINE + field;
  }

  doorbell(r: number): Doorbell {
    return new Doorbell(this.sab!, this.doorbellBase + r * Doorbell.BYTES);
  }

  describeText(r: number): Uint8Array {
    return new Uint8Array(this.sab!, this.textBase + r * DESCRIBE_TEXT_BYTES, DESCRIBE_TEXT_BYTES);
  }

  /** Rank `r`'s collective ledger: written by r, read by the other members of its communicators. */
  collectiveLedger(r: number): Int32Array {
    return new Int32Array(this.sab!, this.ledgerBase + r * COLLECTIVE_LEDGER_BYTES, COLLECTIVE_LEDGER_BYTES / 4);
  }

  /** The ring carrying records from rank `src` to rank `dst`. */
  ring(src: number, dst: number): SpscRing {
    return new SpscRing(this.sab!, this.ringBase + (src * this.shape.size + dst) * this.ringStride, this.shape.ringCapacity);
  }
}
