/**
 * Requests for nonblocking operations (MPI_Request / mpi4py's Request).
 *
 * A Request is awaitable: `await req` waits with Atomics.waitAsync, so the rank's event loop
 * keeps running, while `req.wait()` blocks the thread. After completion a request is inactive,
 * as MPI_REQUEST_NULL is: waiting on it again returns at once.
 */
import { PROC_NULL, UNDEFINED } from './constants.js';
import { mpiError } from './errors.js';
import { Status } from './Status.js';
import type { Waitable, WaitTarget } from './transport/ops.js';
import { currentRuntime } from './runtime/current.js';

/** What a request drives: an engine operation (or a composite, for collectives) and its result. */
export interface RequestWork extends Waitable {
  /** Called once on completion: throws the operation's error, or returns its value. */
  finish(status: Status | undefined): unknown;
  /** Withdraw the operation if it has not matched yet. */
  cancel(): void;
}

export class Request implements PromiseLike<unknown> {
  /** @internal null once completed (inactive), or for PROC_NULL operations. */
  work: RequestWork | null;

  /** @internal */
  constructor(work: RequestWork | null) {
    this.work = work;
    if (work !== null) currentRuntime().requests.opened(work);
  }

  /** Block until the operation completes; returns the received value (receives) or undefined. */
  wait(status?: Status): unknown {
    const work = this.work;
    if (work === null) return emptyResult(status);
    currentRuntime().waiter.wait(work);
    return this.complete(work, status);
  }

  /** Progress once without blocking: `[done, value]`. */
  test(status?: Status): [boolean, unknown] {
    const work = this.work;
    if (work === null) return [true, emptyResult(status)];
    currentRuntime().waiter.poll();
    if (!work.isComplete()) return [false, undefined];
    return [true, this.complete(work, status)];
  }

  /** Cancel a receive that has not matched yet (the status then reports Is_cancelled()). */
  cancel(): void {
    this.work?.cancel();
  }

  /** True while the request still has an operation to complete. */
  get active(): boolean {
    return this.work !== null;
  }

  then<R1 = unknown, R2 = never>(
    onFulfilled?: ((value: unknown) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.settle().then(onFulfilled, onRejected);
  }

  private async settle(): Promise<unknown> {
    const work = this.work;
    if (work === null) return undefined;
    await currentRuntime().waiter.waitAsync(work);
    return this.complete(work, undefined);
  }

  /** @internal */
  protected complete(work: RequestWork, status: Status | undefined): unknown {
    this.work = null;
    currentRuntime().requests.closed(work);
    return work.finish(status);
  }

  // ----------------------------------------------------------- multiple requests

  /** Wait for all; returns their values in order. */
  static waitall(requests: readonly Request[], statuses?: Status[]): unknown[] {
    const works = activeWorks(requests);
    currentRuntime().waiter.wait(new AllOf(works));
    return requests.map((r, i) => r.wait(statuses?.[i]));
  }

  /** Wait for one; returns `[index, value]`, or `[UNDEFINED, undefined]` when none is active. */
  static waitany(requests: readonly Request[], status?: Status): [number, unknown] {
    const works = activeWorks(requests);
    if (works.length === 0) return [UNDEFINED, emptyResult(status)];
    currentRuntime().waiter.wait(new AnyOf(works));
    const index = requests.findIndex((r) => r.work?.isComplete());
    return [index, requests[index]!.wait(status)];
  }

  /** Wait for at least one; returns the indices and values of every completed request. */
  static waitsome(requests: readonly Request[], statuses?: Status[]): [number[], unknown[]] {
    const works = activeWorks(requests);
    if (works.length === 0) return [[], []];
    currentRuntime().waiter.wait(new AnyOf(works));
    return collectCompleted(requests, statuses);
  }

  static testall(requests: readonly Request[], statuses?: Status[]): [boolean, unknown[]] {
    currentRuntime().waiter.poll();
    if (!requests.every((r) => r.work === null || r.work.isComplete())) return [false, []];
    return [true, requests.map((r, i) => r.wait(statuses?.[i]))];
  }

  /** `[index, done, value]`: index UNDEFINED when nothing completed or none is active. */
  static testany(requests: readonly Request[], status?: Status): [number, boolean, unknown] {
    currentRuntime().waiter.poll();
    if (activeWorks(requests).length === 0) return [UNDEFINED, true, emptyResult(status)];
    const index = requests.findIndex((r) => r.work?.isComplete());
    if (index < 0) return [UNDEFINED, false, undefined];
    return [index, true, requests[index]!.wait(status)];
  }

  static testsome(requests: readonly Request[], statuses?: Status[]): [number[], unknown[]] {
    currentRuntime().waiter.poll();
    return collectCompleted(requests, statuses);
  }

  /** Start every persistent request. */
  static startall(requests: readonly Prequest[]): void {
    for (const r of requests) r.start();
  }
}

/** A persistent request (Send_init/Recv_init): `start()` it, complete it, start it again. */
export class Prequest extends Request {
  /** @internal */
  constructor(private readonly launch: () => RequestWork) {
    super(null);
  }

  start(): void {
    if (this.work !== null) throw mpiError('ERR_REQUEST', 'start() on a persistent request that is still active; wait for it first');
    this.work = this.launch();
  }
}

function activeWorks(requests: readonly Request[]): RequestWork[] {
  const works: RequestWork[] = [];
  for (const r of requests) {
    if (!(r instanceof Request)) throw mpiError('ERR_REQUEST', `expected Request objects, got ${typeof r}`);
    if (r.work !== null) works.push(r.work);
  }
  return works;
}

function collectCompleted(requests: readonly Request[], statuses?: Status[]): [number[], unknown[]] {
  const indices: number[] = [];
  const values: unknown[] = [];
  requests.forEach((r, i) => {
    if (r.work?.isComplete()) {
      indices.push(i);
      values.push(r.wait(statuses?.[i]));
    }
  });
  return [indices, values];
}

function emptyResult(status: Status | undefined): undefined {
  status?.assign({ source: PROC_NULL, tag: -1, byteCount: 0, dtype: 1 });
  return undefined;
}

function union(works: readonly Waitable[], kind: WaitTarget['kind']): WaitTarget {
  const ranks = new Set<number>();
  let any = false;
  for (const w of works) {
    if (w.isComplete()) continue;
    const t = w.waitTarget();
    if (t.kind === 'any') any = true;
    for (const r of t.ranks) ranks.add(r);
  }
  return { kind: any || kind === 'any' ? 'any' : 'rank', ranks: [...ranks] };
}

/** waitall: blocked until every operation completes; waits for all their peers. */
class AllOf implements Waitable {
  constructor(private readonly works: readonly Waitable[]) {}
  isComplete(): boolean {
    return this.works.every((w) => w.isComplete());
  }
  describe(): string {
    return `waitall([${this.works.filter((w) => !w.isComplete()).map((w) => w.describe()).join(', ')}])`;
  }
  waitTarget(): WaitTarget {
    // Every pending operation must complete: any one of them being impossible blocks us, so for
    // the wait-for graph each is a specific dependency.
    return union(this.works, 'rank');
  }
}

/** waitany/waitsome: blocked until one operation completes; any peer may release us. */
class AnyOf implements Waitable {
  constructor(private readonly works: readonly Waitable[]) {}
  isComplete(): boolean {
    return this.works.some((w) => w.isComplete());
  }
  describe(): string {
    return `waitany([${this.works.map((w) => w.describe()).join(', ')}])`;
  }
  waitTarget(): WaitTarget {
    return union(this.works, 'any');
  }
}
