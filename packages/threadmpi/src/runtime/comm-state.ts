/**
 * What a communicator is, under the Comm facade: a group of world ranks, this rank's place in
 * it, and the two context ids that scope its matching (point-to-point traffic on `ctx`,
 * collective traffic on `ctx + 1`, so a user's ANY_TAG receive can never take a collective's
 * message).
 */
import { trackCommunicator } from '../diagnostics/resources.js';
import { mpiError } from '../errors.js';
import type { CommRef } from '../transport/ops.js';
import type { CollectiveState } from '../collectives/state.js';
import type { CommLedger } from '../diagnostics/collective-ledger.js';
import type { RankRuntime } from './rank-runtime.js';

export class CommState implements CommRef {
  readonly rank: number;
  readonly size: number;
  /** ctx for collectives; the point-to-point context is `ctx`. */
  readonly collCtx: number;
  freed = false;
  /**
   * What the collectives (collectives/state.ts) and the mismatch checks (collective-ledger.ts)
   * keep per communicator, made on first use. Held here rather than in their modules' WeakMaps:
   * an 8-byte Allreduce looks both up, and two WeakMap lookups were a visible share of it.
   */
  collectives: CollectiveState | undefined = undefined;
  ledger: CommLedger | undefined = undefined;
  /** World rank -> rank here (-1 for non-members); null for the world itself. */
  private readonly inverse: Int32Array | null;

  constructor(
    readonly runtime: RankRuntime,
    /** Comm rank -> world rank. */
    readonly group: Int32Array,
    readonly ctx: number,
    public name: string,
  ) {
    this.size = group.length;
    this.collCtx = ctx + 1;
    const worldSize = runtime.size;
    let identity = group.length === worldSize;
    for (let i = 0; identity && i < group.length; i++) identity = group[i] === i;
    if (identity) {
      this.inverse = null;
      this.rank = runtime.rank;
    } else {
      this.inverse = new Int32Array(worldSize).fill(-1);
      for (let i = 0; i < group.length; i++) this.inverse[group[i]!] = i;
      this.rank = this.inverse[runtime.rank]!;
    }
    trackCommunicator(this);
  }

  commRankOf(worldRank: number): number {
    return this.inverse === null ? worldRank : this.inverse[worldRank]!;
  }

  worldRankOf(commRank: number): number {
    return this.group[commRank]!;
  }

  /** Every call on a communicator starts here. */
  check(call: string): this {
    if (this.freed) throw mpiError('ERR_COMM', `${call}: communicator ${this.name} was freed`);
    return this;
  }
}
