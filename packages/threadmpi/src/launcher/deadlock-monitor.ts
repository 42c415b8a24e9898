/**
 * The launcher's deadlock detector. Ranks publish their state in shared memory (runtime/waiter.ts);
 * this watches it from the main thread and never touches the message path.
 *
 * A deadlock is declared when every unfinished rank has stayed BLOCKED for `deadlockMs`, counted
 * from the moment the last of them blocked (or finished): each rank stamps its line when its state
 * changes (diagnostics/state-clock.ts), so the count is exact, not rounded up to a polling period.
 * Why that is a deadlock and not a slow job: a rank parks only after draining its rings, any record
 * written to it rings its doorbell and wakes it, and a woken rank that made progress leaves BLOCKED
 * and bumps its unblock counter. So if nothing changed for deadlockMs, nothing is on its way to any
 * rank. A rank busy computing is RUNNING, so it is never reported.
 *
 * Before reporting, the monitor asks each blocked rank what it is blocked in (the rank answers from
 * its wait loop: call, source line, whom it waits for) and builds the wait-for graph. The answers
 * only count if no rank changed state meanwhile.
 */
import { DeadlockError, type BlockedRank, type DeadlockGraph } from '../errors.js';
import {
  RANK_DESCRIBE_DONE, RANK_DESCRIBE_REQUEST, RANK_STATE, RANK_STATE_SINCE, RANK_TEXT_LENGTH, RANK_UNBLOCKS, RankState,
  type JobMemory,
} from '../transport/layout.js';
import { clockMs32, msSince } from '../diagnostics/state-clock.js';
import { findCycle } from '../diagnostics/wait-graph.js';
import { formatDeadlockReport } from './deadlock-report.js';

/** How long blocked ranks get to describe themselves (they answer within a wake-up, i.e. microseconds). */
const DESCRIBE_TIMEOUT_MS = 1000;
const DESCRIBE_POLL_MS = 2;
/** Longest interval between looks while some rank is running: noticing late costs nothing, the stamps keep the count exact. */
const MAX_POLL_MS = 100;

/** One look at every rank line. */
interface Survey {
  /** Every unfinished rank is blocked (and at least one is unfinished, and none failed). */
  readonly stuck: boolean;
  /** Milliseconds since the last rank blocked or finished. */
  readonly stuckForMs: number;
  /** Sum of unblock counters: every transition out of BLOCKED (and every finish) increments it. */
  readonly unblocks: number;
}

export class DeadlockMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** A describe round in progress: its request number, when it began, and the survey it began from. */
  private asked: { request: number; at: number; unblocks: number } | null = null;
  private readonly pollMs: number;

  constructor(
    private readonly mem: JobMemory,
    private readonly deadlockMs: number,
    private readonly onDeadlock: (error: DeadlockError) => void,
  ) {
    this.pollMs = Math.max(1, Math.min(MAX_POLL_MS, Math.floor(deadlockMs / 4)));
  }

  start(): void {
    this.running = true;
    this.schedule(this.pollMs);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    // Kept ref'd on purpose: while ranks sleep in Atomics.wait this timer is what keeps the
    // launcher's process alive to notice.
    this.timer = setTimeout(() => this.check(), ms);
  }

  private word(r: number, field: number): number {
    return Atomics.load(this.mem.control, this.mem.rankWord(r, field));
  }

  private survey(): Survey {
    const now = clockMs32();
    let unfinished = 0;
    let blocked = 0;
    let unblocks = 0;
    let stuckForMs = Infinity;
    for (let r = 0; r < this.mem.shape.size; r++) {
      const state = this.word(r, RANK_STATE);
      unblocks += this.word(r, RANK_UNBLOCKS);
      if (state === RankState.FAILED) return { stuck: false, stuckForMs: 0, unblocks };
      if (state === RankState.RUNNING) return { stuck: false, stuckForMs: 0, unblocks };
      stuckForMs = Math.min(stuckForMs, msSince(this.word(r, RANK_STATE_SINCE), now));
      if (state === RankState.BLOCKED) blocked++;
      if (state !== RankState.FINISHED) unfinished++;
    }
    return { stuck: unfinished > 0 && blocked === unfinished, stuckForMs, unblocks };
  }

  private check(): void {
    if (!this.running) return;
    const s = this.survey();
    if (!s.stuck || (this.asked !== null && s.unblocks !== this.asked.unblocks)) {
      this.asked = null;
      return this.schedule(this.pollMs);
    }
    if (this.asked !== null) return this.collect();
    const remaining = this.deadlockMs - s.stuckForMs;
    if (remaining > 0) return this.schedule(remaining);
    this.ask(s.unblocks);
    this.schedule(DESCRIBE_POLL_MS);
  }

  /** Ask every blocked rank to describe its wait; ringing its doorbell makes it answer at once. */
  private ask(unblocks: number): void {
    const request = this.word(0, RANK_DESCRIBE_REQUEST) + 1;
    for (let r = 0; r < this.mem.shape.size; r++) {
      Atomics.store(this.mem.control, this.mem.rankWord(r, RANK_DESCRIBE_REQUEST), request);
      this.mem.doorbell(r).ring();
    }
    this.asked = { request, at: performance.now(), unblocks };
  }

  private collect(): void {
    const { request, at } = this.asked!;
    let answered = true;
    for (let r = 0; r < this.mem.shape.size; r++) {
      if (this.word(r, RANK_STATE) === RankState.BLOCKED && this.word(r, RANK_DESCRIBE_DONE) !== request) answered = false;
    }
    if (!answered && performance.now() - at < DESCRIBE_TIMEOUT_MS) return this.schedule(DESCRIBE_POLL_MS);
    this.stop();
    const graph = this.buildGraph(request);
    this.onDeadlock(new DeadlockError(formatDeadlockReport(graph), graph));
  }

  private buildGraph(request: number): DeadlockGraph {
    const blocked: BlockedRank[] = [];
    const finished: number[] = [];
    for (let r = 0; r < this.mem.shape.size; r++) {
      if (this.word(r, RANK_STATE) === RankState.FINISHED) finished.push(r);
      else blocked.push(this.description(r, request));
    }
    return { blocked, finished, cycle: findCycle(blocked) };
  }

  private description(r: number, request: number): BlockedRank {
    const silent: BlockedRank = { rank: r, call: '(blocked; did not describe its call)', waitsFor: { kind: 'none', ranks: [] } };
    if (this.word(r, RANK_DESCRIBE_DONE) !== request) return silent;
    const length = this.word(r, RANK_TEXT_LENGTH);
    try {
      const parsed = JSON.parse(new TextDecoder().decode(this.mem.describeText(r).slice(0, length))) as Omit<BlockedRank, 'rank'>;
      return { rank: r, ...parsed };
    } catch {
      return silent;
    }
  }
}
