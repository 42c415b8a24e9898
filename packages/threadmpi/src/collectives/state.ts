/**
 * What the collectives keep per communicator in each rank, in one object, so that a call looks
 * it up once (even one lookup is a noticeable part of an 8-byte collective): the sequence number
 * that tags the next call, the shared segment, and the job's selection overrides.
 */
import type { CommState } from '../runtime/comm-state.js';
import { overridesFor } from './config.js';
import type { Overrides } from './select.js';
import type { Segment } from './shm/segment.js';

/** Sequence numbers wrap below the tag reserved for context agreement (runtime/context-agreement.ts). */
const SEQUENCE_MASK = 0x3fffffff;

export class CollectiveState {
  /** Sequence number of the next collective call on the communicator (every member draws the same). */
  private next = 0;
  /** The shared segment (shm/segment.ts), made on the first shared-memory call. */
  segment: Segment | null = null;
  /** Whether the segment's bootstrap has started (it may still be in flight). */
  bootstrapped = false;
  /** The job's forced algorithms and rules (config.ts): one object per job, updated in place. */
  readonly overrides: Overrides;

  constructor(comm: CommState) {
    this.overrides = overridesFor(comm.runtime);
  }

  /** The tag of a new call. */
  nextTag(): number {
    const tag = this.next;
    this.next = (tag + 1) & SEQUENCE_MASK;
    return tag;
  }
}

export function collectiveState(comm: CommState): CollectiveState {
  return (comm.collectives ??= new CollectiveState(comm));
}
