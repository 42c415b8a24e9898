/**
 * General active-target synchronisation (post-start-complete-wait) as counters in the control
 * block:
 *
 *   Post(origins)    target t adds 1 to post[o][t] for each origin o, and rings o
 *   Start(targets)   origin o waits until post[o][t] exceeds the posts it has already used, per t
 *   Complete()       origin o adds 1 to complete[t] for each target t of its Start, and rings t
 *   Wait()           target t waits until complete[t] has grown by the size of its Post group
 *
 * Counters instead of flags, because a target may post again as soon as its Wait returns, before
 * the origin has started its next epoch: each Start consumes exactly one post per target, so no
 * post is ever lost or used twice. Both sides only count, so nobody ever resets a word another
 * rank may be reading.
 *
 * Ordering: each signal is an atomic read-modify-write that the other side observes with an
 * atomic load, so the target's stores before Post are visible to the origin's Gets after Start,
 * and the origin's Puts before Complete are visible to the target after Wait.
 */
import { type ControlBlock } from './control-block.js';

export class ActiveTarget {
  /** Per target: posts from it that this rank's Starts have consumed. */
  private readonly postsUsed: Int32Array;
  /** Complete signals this rank's Waits have consumed. */
  private completesUsed = 0;

  constructor(private readonly cb: ControlBlock) {
    this.postsUsed = new Int32Array(cb.size);
  }

  /** Expose this rank's memory to `origins`. Never blocks. */
  post(origins: readonly number[]): void {
    const { cb } = this;
    for (const o of origins) {
      Atomics.add(cb.words, cb.postWord(o, cb.rank), 1);
      cb.ring(o);
    }
  }

  /** Wait until every target in `targets` has posted to this rank, and use those posts. */
  start(targets: readonly number[], call: string): void {
    const { cb } = this;
    const unposted = () => targets.filter((t) => Atomics.load(cb.words, cb.postWord(cb.rank, t)) <= this.postsUsed[t]!);
    cb.waitFor({
      isComplete: () => unposted().length === 0,
      describe: () => `${call}(group=[${targets.join(', ')}], comm=${cb.comm.name})`,
      waitTarget: () => ({ kind: 'rank', ranks: cb.worldRanks(unposted()) }),
    });
    for (const t of targets) this.postsUsed[t]!++;
  }

  /** Tell every target of the access epoch that this rank's accesses are done. */
  complete(targets: readonly number[]): void {
    const { cb } = this;
    for (const t of targets) {
      Atomics.add(cb.words, cb.completeWord(t), 1);
      cb.ring(t);
    }
  }

  /** Wait until every origin of the exposure epoch has completed. */
  wait(origins: readonly number[], call: string): void {
    this.cb.waitFor({
      isComplete: () => this.completed(origins),
      describe: () => `${call}(group=[${origins.join(', ')}], comm=${this.cb.comm.name})`,
      waitTarget: () => ({ kind: 'rank', ranks: this.cb.worldRanks(origins) }),
    });
    this.completesUsed += origins.length;
  }

  /** Like wait, without blocking: true (and the signals are used) once every origin completed. */
  test(origins: readonly number[]): boolean {
    if (!this.completed(origins)) return false;
    this.completesUsed += origins.length;
    return true;
  }

  private completed(origins: readonly number[]): boolean {
    return Atomics.load(this.cb.words, this.cb.completeWord(this.cb.rank)) - this.completesUsed >= origins.length;
  }
}
