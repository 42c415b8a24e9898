/**
 * Process groups (MPI_Group / mpi4py's Group): an ordered set of ranks, local to the calling rank.
 * A group is identified by world ranks, so groups of different communicators can be compared and
 * translated. `comm.Get_group()` returns a communicator's group; one-sided PSCW calls take one.
 */
import { IDENT, PROC_NULL, SIMILAR, UNDEFINED, UNEQUAL, type CompareResult } from './constants.js';
import { mpiError } from './errors.js';

export class Group {
  /** @internal Member i's world rank. */
  readonly worldRanks: Int32Array;
  /** @internal The calling rank's world rank. */
  readonly self: number;
  private readonly index: Map<number, number>;

  /** @internal */
  constructor(worldRanks: ArrayLike<number>, self: number) {
    this.worldRanks = Int32Array.from(worldRanks);
    this.self = self;
    this.index = new Map(Array.from(this.worldRanks, (w, i) => [w, i]));
  }

  get size(): number {
    return this.worldRanks.length;
  }

  /** The calling rank's rank in the group, or UNDEFINED when it is not a member. */
  get rank(): number {
    return this.index.get(this.self) ?? UNDEFINED;
  }

  Get_size(): number {
    return this.size;
  }

  Get_rank(): number {
    return this.rank;
  }

  /** The group of the members `ranks`, in that order. */
  Incl(ranks: readonly number[]): Group {
    this.checkRanks(ranks, 'Incl');
    return new Group(ranks.map((r) => this.worldRanks[r]!), this.self);
  }

  /** The group without the members `ranks`, in this group's order. */
  Excl(ranks: readonly number[]): Group {
    this.checkRanks(ranks, 'Excl');
    const out = new Set(ranks);
    return new Group(Array.from(this.worldRanks).filter((_, i) => !out.has(i)), this.self);
  }

  /** The ranks in `other` of this group's members `ranks` (UNDEFINED for non-members; PROC_NULL stays). */
  Translate_ranks(ranks: readonly number[], other: Group): number[] {
    if (!(other instanceof Group)) throw mpiError('ERR_ARG', `Translate_ranks: expected a Group to translate into, got ${typeof other}`);
    return ranks.map((r) => {
      if (r === PROC_NULL) return PROC_NULL;
      this.checkRank(r, 'Translate_ranks');
      return other.index.get(this.worldRanks[r]!) ?? UNDEFINED;
    });
  }

  /** IDENT (same members, same order), SIMILAR (same members), or UNEQUAL. */
  Compare(other: Group): CompareResult {
    if (this.size !== other.size) return UNEQUAL;
    if (this.worldRanks.every((w, i) => other.worldRanks[i] === w)) return IDENT;
    return this.worldRanks.every((w) => other.index.has(w)) ? SIMILAR : UNEQUAL;
  }

  /** Members of `a`, then those of `b` not in `a`. */
  static Union(a: Group, b: Group): Group {
    return new Group([...a.worldRanks, ...Array.from(b.worldRanks).filter((w) => !a.index.has(w))], a.self);
  }

  /** Members of `a` that are also in `b`, in `a`'s order. */
  static Intersection(a: Group, b: Group): Group {
    return new Group(Array.from(a.worldRanks).filter((w) => b.index.has(w)), a.self);
  }

  /** Members of `a` that are not in `b`, in `a`'s order. */
  static Difference(a: Group, b: Group): Group {
    return new Group(Array.from(a.worldRanks).filter((w) => !b.index.has(w)), a.self);
  }

  Dup(): Group {
    return new Group(this.worldRanks, this.self);
  }

  /** Groups hold no shared resources; Free exists for MPI programs that call it. */
  Free(): void {}

  private checkRank(r: unknown, call: string): void {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= this.size) {
      throw mpiError('ERR_RANK', `Group.${call}: rank must be in 0..${this.size - 1}, got ${String(r)}`);
    }
  }

  private checkRanks(ranks: readonly number[], call: string): void {
    if (!Array.isArray(ranks)) throw mpiError('ERR_ARG', `Group.${call}: expected an array of ranks, got ${typeof ranks}`);
    const seen = new Set<number>();
    for (const r of ranks) {
      this.checkRank(r, call);
      if (seen.has(r)) throw mpiError('ERR_RANK', `Group.${call}: rank ${r} is listed twice`);
      seen.add(r);
    }
  }
}
