/**
 * The barrier behind Fence and Free: a sense-reversing barrier in the window's control block
 * (the shared-memory way; no messages), whose waits go through the rank's Waiter so that an
 * aborted job, a deadlock report and message progress all keep working while a rank waits.
 *
 * Sense reversal as in @threadmpi/atomics' Barrier: the round counter's parity is the sense, and
 * a rank reads the round before arriving (it cannot advance until that rank arrives), so a fast
 * rank can never mistake the previous round's release for its own. Each rank also records the
 * round it entered on its own line; the barrier does not need it, the deadlock report does
 * (which members have not arrived yet).
 *
 * Ordering: arriving is an atomic read-modify-write and leaving an atomic load of the round the
 * last arrival wrote, so every store a rank made before the barrier happens-before every load
 * any rank makes after it. That is exactly what a fence must give RMA: puts of the epoch are
 * visible everywhere once the fence returns.
 */
import type { WaitTarget } from '../transport/ops.js';
import { RANK_FENCE_ENTERED, type ControlBlock } from './control-block.js';

export class FenceBarrier {
  constructor(private readonly cb: ControlBlock) {}

  /** Wait until every member of the window has arrived; `call` names the wait in reports. */
  arriveAndWait(call: string): void {
    const { cb } = this;
    const w = cb.words;
    const round = Atomics.load(w, cb.roundWord);
    Atomics.store(w, cb.rankWord(cb.rank, RANK_FENCE_ENTERED), round + 1);
    if (Atomics.add(w, cb.arrivedWord, 1) === cb.size - 1) {
      // Last to arrive: reset the count before opening the round, since released ranks may
      // arrive at the next round at once and must find it at 0.
      Atomics.store(w, cb.arrivedWord, 0);
      Atomics.add(w, cb.roundWord, 1);
      for (let r = 0; r < cb.size; r++) cb.ring(r);
      return;
    }
    cb.waitFor({
      isComplete: () => Atomics.load(w, cb.roundWord) !== round,
      describe: () => `${call}(comm=${cb.comm.name})`,
      waitTarget: (): WaitTarget => ({ kind: 'rank', ranks: cb.worldRanks(this.notArrived(round + 1)) }),
    });
  }

  private notArrived(entered: number): number[] {
    const late: number[] = [];
    for (let r = 0; r < this.cb.size; r++) {
      if (Atomics.load(this.cb.words, this.cb.rankWord(r, RANK_FENCE_ENTERED)) < entered) late.push(r);
    }
    return late;
  }
}
