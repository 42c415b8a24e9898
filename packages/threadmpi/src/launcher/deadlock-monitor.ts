/**
 * The launcher's deadlock detector. Ranks publish their state in shared memory (waiter.ts); this
 * watches it from the main thread and never touches the message path.
 *
 * A deadlock is declared when every unfinished rank has been BLOCKED, with no rank making any
 * progress (the sum of unblock counters unchanged), for `deadlockMs`. A blocked rank parks only
 * after draining its rings, and any record written to it rings its doorbell and counts as
 * progress, so a rank that can still be satisfied cannot stay blocked that long. A rank busy
 * computing is RUNNING, so it can never be reported.
 *
 * Before reporting, the monitor asks each blocked rank what it is blocked in (the rank answers
 * from its wait loop: call, source line, whom it waits for) and builds the wait-for graph.
 */
import { DeadlockError, type BlockedRank, type DeadlockGraph } from '../errors.js';
import {
  RANK_DESCRIBE_DONE, RANK_DESCRIBE_REQUEST, RANK_STATE, RANK_TEXT_LENGTH, RANK_UNBLOCKS, RankState, type JobMemory,
} from '../transport/layout.js';
import { formatDeadlockReport, findCycle } from './deadlock-report.js';

const DESCRIBE_TIMEOUT_MS = 1000;

export class DeadlockMonitor {
  private timer: NodeJS.Timeout | null = null;
  private stableSince = -1;
  private lastUnblocks = -1;
  private describing: { since: number; request: number; unblocks: number } | null = null;
  private readonly tickMs: number;

  constructor(
    private readonly mem: JobMemory,
    private readonly deadlockMs: number,
    private readonly onDeadlock: (error: DeadlockError) => void,
  ) {
    this.tickMs = Math.max(5, Math.min(50, deadlockMs / 5));
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private word(r: number, field: number): number {
    return Atomics.load(this.mem.control, this.mem.rankWord(r, field));
  }

  private tick(): void {
    const n = this.mem.shape.size;
    let blocked = 0;
    let unfinished = 0;
    let unblocks = 0;
    for (let r = 0; r < n; r++) {
      const state = this.word(r, RANK_STATE);
      unblocks += this.word(r, RANK_UNBLOCKS);
      if (state === RankState.FINISHED || state === RankState.FAILED) continue;
      unfinished++;
      if (state === RankState.BLOCKED) blocked++;
    }
    const now = performance.now();
    if (unfinished === 0 || blocked < unfinished || unblocks !== this.lastUnblocks) {
      this.lastUnblocks = unblocks;
      this.stableSince = now;
      this.describing = null;
      return;
    }
    if (this.describing !== null) return this.collect(now, unblocks);
    if (now - this.stableSince >= this.deadlockMs) this.requestDescriptions(now, unblocks);
  }

  private requestDescriptions(now: number, unblocks: number): void {
    const n = this.mem.shape.size;
    const request = this.word(0, RANK_DESCRIBE_REQUEST) + 1;
    for (let r = 0; r < n; r++) {
      Atomics.store(this.mem.control, this.mem.rankWord(r, RANK_DESCRIBE_REQUEST), request);
      this.mem.doorbell(r).ring();
    }
    this.describing = { since: now, request, unblocks };
  }

  private collect(now: number, unblocks: number): void {
    const d = this.describing!;
    const n = this.mem.shape.size;
    const pending: number[] = [];
    for (let r = 0; r < n; r++) {
      const state = this.word(r, RANK_STATE);
      if (state === RankState.BLOCKED && this.word(r, RANK_DESCRIBE_DONE) !== d.request) pending.push(r);
    }
    if (pending.length > 0 && now - d.since < DESCRIBE_TIMEOUT_MS) return;
    if (unblocks !== d.unblocks) return;
    this.stop();
    const graph = this.buildGraph(d.request);
    this.onDeadlock(new DeadlockError(formatDeadlockReport(graph), graph));
  }

  private buildGraph(request: number): DeadlockGraph {
    const n = this.mem.shape.size;
    const blocked: BlockedRank[] = [];
    const finished: number[] = [];
    for (let r = 0; r < n; r++) {
      const state = this.word(r, RANK_STATE);
      if (state === RankState.FINISHED || state === RankState.FAILED) {
        finished.push(r);
        continue;
      }
      blocked.push(this.description(r, request));
    }
    return { blocked, finished, cycle: findCycle(blocked) };
  }

  private description(r: number, request: number): BlockedRank {
    if (this.word(r, RANK_DESCRIBE_DONE) !== request) {
      return { rank: r, call: '(blocked; did not describe its call)', waitsFor: { kind: 'none', ranks: [] } };
    }
    const length = this.word(r, RANK_TEXT_LENGTH);
    const text = new TextDecoder().decode(this.mem.describeText(r).slice(0, length));
    const parsed = JSON.parse(text) as Omit<BlockedRank, 'rank'>;
    return { rank: r, ...parsed };
  }
}
