/**
 * Choosing a collective's algorithm, apart from running it (as Open MPI's coll/tuned separates
 * coll_tuned_decision_fixed.c from the algorithms). A pure function of the call's shape:
 *
 *   1. a forced algorithm (`THREADMPI_COLL_<NAME>=<algorithm>`, or setCollectiveAlgorithm), else
 *   2. the first matching rule of a rules file (THREADMPI_COLL_RULES), else
 *   3. the fixed decision below.
 *
 * A forced or ruled algorithm that cannot serve this call (a commutative-only algorithm with a
 * non-commutative operation, a typed-only one for values) falls through to the next level, as Open
 * MPI falls back to its fixed rules. Every rank of a communicator must see the same overrides, or
 * ranks would run different algorithms.
 *
 * `bytes` is what Open MPI's tuned component calls the message size: the whole message for bcast,
 * reduce, allreduce and scans; all ranks' blocks together for the gather/scatter/alltoall family.
 * It must be a number every rank knows alike, so calls whose size differs per rank (value forms,
 * the v-variants of rooted and alltoall collectives) pass -1.
 */
import { REGISTRY, type AlgorithmEntry, type Collective } from './registry.js';

export interface SelectQuery {
  readonly collective: Collective;
  readonly commSize: number;
  /** Message size in bytes as defined above, or -1 when not the same on every rank. */
  readonly bytes: number;
  readonly commutative: boolean;
  /** The value (lowercase) form: only algorithms that handle blocks of unknown size qualify. */
  readonly values: boolean;
}

/** One message-size range of a rules file; `algorithm` null means "use the fixed decision". */
export interface MessageRule {
  readonly msgSizeMin: number;
  readonly msgSizeMax: number;
  readonly algorithm: string | null;
}

export interface CommRule {
  readonly commSizeMin: number;
  readonly commSizeMax: number;
  readonly rules: readonly MessageRule[];
}

/** A parsed rules file: per collective, communicator-size rules in file order (first match wins). */
export type RulesTable = ReadonlyMap<Collective, readonly CommRule[]>;

export interface Overrides {
  readonly forced: ReadonlyMap<Collective, string>;
  readonly rules: RulesTable | null;
}

export const NO_OVERRIDES: Overrides = { forced: new Map(), rules: null };

export function canServe(entry: AlgorithmEntry<unknown>, q: SelectQuery): boolean {
  return (!q.values || entry.values) && (q.commutative || entry.nonCommutative);
}

/** The name of the algorithm a call of this shape runs. */
export function selectAlgorithm(q: SelectQuery, overrides: Overrides = NO_OVERRIDES): string {
  return selectEntry(q, overrides).name;
}

/** The registry entry of the algorithm a call of this shape runs (what the collectives call). */
export function selectEntry(q: SelectQuery, overrides: Overrides): AlgorithmEntry<unknown> {
  const forced = usable(overrides.forced.get(q.collective), q);
  if (forced !== null) return forced;
  const ruled = overrides.rules === null ? null : usable(matchRule(overrides.rules, q), q);
  return ruled ?? entry(q, fixedDecision(q))!;
}

/** The entry of algorithm `name` if it can serve the call, else null. */
function usable(name: string | null | undefined, q: SelectQuery): AlgorithmEntry<unknown> | null {
  if (name == null) return null;
  const e = entry(q, name);
  return e !== null && canServe(e, q) ? e : null;
}

/** A closure-free loop: selection runs on every collective call. */
function entry(q: SelectQuery, name: string): AlgorithmEntry<unknown> | null {
  const entries: readonly AlgorithmEntry<unknown>[] = REGISTRY[q.collective];
  for (const e of entries) if (e.name === name) return e;
  return null;
}

/** Open MPI's dynamic-rules lookup: first communicator rule by size, then first message rule by bytes. */
export function matchRule(rules: RulesTable, q: SelectQuery): string | null {
  const bytes = Math.max(0, q.bytes);
  for (const comm of rules.get(q.collective) ?? []) {
    if (q.commSize < comm.commSizeMin || q.commSize > comm.commSizeMax) continue;
    for (const rule of comm.rules) if (bytes >= rule.msgSizeMin && bytes <= rule.msgSizeMax) return rule.algorithm;
    return null;
  }
  return null;
}

const KiB = 1024;

/**
 * The built-in decision, for ranks that share memory, tuned on the 2-core development machine at
 * p = 2, 4 and 8 from interleaved sweeps of every algorithm (8 B to 1 MiB; docs/design.md,
 * Collectives, has the figures). Where data can be published in the communicator's segment (typed
 * calls), the shared-memory algorithms win from a few hundred bytes on: they need one or two
 * synchronisations where message-based algorithms need log2 p rounds of messages, each paying a
 * wake-up when ranks outnumber cores. Rooted calls whose root need not wait (bcast, reduce of
 * short vectors) are the exception from three ranks on: eager messages let the root run ahead,
 * which a segment step (a full synchronisation) cannot. Every choice here can serve the query it
 * is made for (the value form never gets a typed-only algorithm).
 */
export function fixedDecision(q: SelectQuery): string {
  const { commSize: p, bytes } = q;
  switch (q.collective) {
    case 'barrier':
      return p === 1 ? 'dissemination' : 'shm';
    case 'bcast':
      // Two ranks: the segment below 4 KiB (one step, 0.5-0.7 us median against 0.6-0.9 for the
      // one eager message) and from 32 KiB, except from 128 KiB, where the rendezvous message
      // (both sides copying at once) beats copying in and out of the segment (np=2 128 KiB:
      // 10-23 us against 15-24, 256 KiB: 13-26 against 24-31; three sweeps, 2026-12-08).
      // More ranks, short: the root's eager sends let it run ahead; up to eight ranks it sends
      // them all itself, a tree's forwarding ranks being one more wake-up each on the way (up
      // to four ranks only below 16 KiB, where the tree's few hops already win). Long: the
      // segment (np=3 and 4 at 512 KiB and 1 MiB: 93-213 us against 98-262 for the others).
      if (q.values || p === 1) return 'binomial';
      if (p === 2) return bytes < 4 * KiB || (bytes >= 32 * KiB && bytes < 128 * KiB) ? 'shm' : 'binomial';
      if (bytes >= 32 * KiB) return 'shm';
      return p > 8 || (p <= 4 && bytes >= 16 * KiB) ? 'binomial' : 'linear';
    case 'gather':
    case 'gatherv':
    case 'scatter':
    case 'scatterv':
      return 'linear';
    case 'allgather':
      // Typed: the segment at every size (np=2, 8 B to 4 KiB: 5.5-9.7 us median against 8.8-12.4
      // for recursive_doubling, the choice before).
      if (q.values) return p <= 8 ? 'linear' : 'ring';
      return p === 1 ? 'recursive_doubling' : 'shm';
    case 'allgatherv':
      return p <= 4 ? 'linear' : 'ring';
    case 'alltoall':
      // Two ranks: pairwise, one exchange with the one peer (np=2 32 KiB: 16-49 us against linear
      // 25-79, at most sizes a few percent ahead). Three and four ranks from 1 MiB blocks, more
      // from 512 KiB (np=4 512 KiB blocks: linear 852-1046 us against pairwise 998-1145; two
      // sweeps, 2026-12-08).
      return p === 2 || bytes / p >= (p <= 4 ? 1024 : 512) * KiB ? 'pairwise' : 'linear';
    case 'alltoallv':
      return 'linear';
    case 'reduce':
      if (q.values || p === 1) return 'binomial';
      // Short: eager messages to a root that folds as they come (one hop each beats log2 p hops
      // when the ranks share two cores), except between two ranks, where one segment step beats
      // one message. Long: the segment, flat: the others are done once they have published,
      // where sliced makes everyone wait twice a chunk for a share of the folding. That share
      // pays from a MiB (from 128 KiB at two ranks, 512 KiB at three and four: np=4 512 KiB
      // sliced 149-230 us against flat 254-354, two sweeps, 2026-12-08), where the root alone
      // would fold every rank's vector in JS (sliced folds in the SIMD loops).
      if (p === 2) return bytes < 128 * KiB ? 'shm_flat' : 'shm_sliced';
      if (bytes < 32 * KiB) return 'linear';
      return bytes >= (p <= 4 ? 512 : 1024) * KiB ? 'shm_sliced' : 'shm_flat';
    case 'allreduce':
      if (q.values || p === 1) return 'recursive_doubling';
      return bytes <= flatAllreduceMax(p) ? 'shm_flat' : 'shm_sliced';
    case 'reduce_scatter_block':
    case 'reduce_scatter':
      // The ring from 8 KiB at two ranks and from 32 KiB at three and four, where its p - 1 steps
      // of 1/p of the vector each beat reducing the whole vector to rank 0 and scattering it
      // (np=2 8-32 KiB: ring 5.5-18.8 us against linear 6.1-30.2; np=4 32-64 KiB: 105-216 against
      // 188-252; two sweeps, 2026-12-08). Above 64 KiB for more ranks.
      if (!q.commutative) return 'linear';
      if (p <= 4) return bytes >= (p === 2 ? 8 : 32) * KiB ? 'ring' : 'linear';
      return bytes > 64 * KiB ? 'ring' : 'linear';
    case 'scan':
    case 'exscan':
      return p <= 2 ? 'linear' : 'recursive_doubling';
  }
}

/**
 * Longest allreduce the flat shm algorithm does (one step a chunk, every rank folding all p
 * vectors) before the sliced one (two steps a chunk, 1/p of the folding each) wins: the flat
 * one reads p vectors per rank, so the more ranks, the sooner its reading outweighs the sliced
 * one's second round of wake-ups.
 */
function flatAllreduceMax(p: number): number {
  // Measured with Float64 SUM, whose sliced fold runs in the SIMD loops (ops/simd-kernels.ts);
  // an operation without one folds in JS, where the flat one would stay ahead up to about 4x these.
  return p <= 4 ? 32 * KiB : 16 * KiB;
}
