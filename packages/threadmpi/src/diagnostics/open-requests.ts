/**
 * Requests a rank started and never completed with wait or test: MPI requires every request to
 * be completed (or freed) before the program ends. The engine already lists the operations still
 * in flight (leftovers.ts); what only this registry sees is a request whose operation finished on
 * its own, such as an isend of a short message, which was buffered at once. Leaving it is a bug
 * that hides until the message outgrows the eager limit and the send waits for its receive. A
 * nonblocking collective that never finished is here too, since a shared-memory one has no
 * engine operation to show for it.
 *
 * Requests are counted, and the first NAMED of those still open are held so the report can name
 * them; the rest are remembered weakly, so a program that drops millions of requests unwaited
 * does not also keep them all alive.
 */
import type { RequestWork } from '../Request.js';
import type { Leftover } from './types.js';

const NAMED = 64;

export class OpenRequests {
  private readonly named = new Set<RequestWork>();
  private readonly unnamed = new WeakSet<RequestWork>();
  private unnamedCount = 0;
  /** Off for a job that asked for no leftovers report (`checks: false`): then nothing is kept. */
  private tracking = true;

  /** Keep nothing from now on: nobody will ask for the report. */
  stopTracking(): void {
    this.tracking = false;
  }

  /** A request was made for `work`. */
  opened(work: RequestWork): void {
    if (!this.tracking) return;
    if (this.named.size < NAMED) this.named.add(work);
    else {
      this.unnamed.add(work);
      this.unnamedCount++;
    }
  }

  /** `work`'s request was completed by wait or test. */
  closed(work: RequestWork): void {
    if (!this.tracking) return;
    if (!this.named.delete(work) && this.unnamed.delete(work)) this.unnamedCount--;
  }

  /**
   * What the rank leaves: requests whose operation has completed (never waited for), and those
   * still running that are not an engine operation (collectives); the engine lists its own.
   */
  leftovers(rank: number, isEngineOperation: (work: RequestWork) => boolean): Leftover[] {
    const items: Leftover[] = [];
    for (const work of this.named) {
      if (work.isComplete()) {
        items.push({ kind: 'request', rank, text: `rank ${rank}: ${work.describe()} completed but was never waited for (call wait() or test() on its request)` });
      } else if (!isEngineOperation(work)) {
        items.push({ kind: 'request', rank, text: `rank ${rank}: ${work.describe()} was never completed (wait for it)` });
      }
    }
    if (this.unnamedCount > 0) {
      items.push({ kind: 'request', rank, text: `rank ${rank}: ${this.unnamedCount} more requests were never waited for` });
    }
    return items;
  }
}
