/**
 * The MPI objects a rank creates that the program must free (communicators, windows), kept per
 * rank so the end-of-job leftovers report can name those never freed and where they were made,
 * and so reports can name a communicator from the context id a message carries.
 *
 * Keyed by the rank's Engine: one per rank per job, reachable from both a CommState and the Waiter.
 * Communicator creation is collective and rare, so capturing its call site here costs nothing
 * that matters.
 */
import { userCallSite } from '../runtime/call-site.js';
import type { Engine } from '../transport/engine.js';

/** An object the program must free before it returns. */
export interface Freeable {
  readonly kind: 'communicator' | 'window';
  /** Its name as the program sees it now (names can change after creation). */
  name(): string;
  isFreed(): boolean;
  /** Where the user's program created it, when known. */
  readonly createdAt: string | undefined;
  /** Predefined objects (COMM_WORLD, COMM_SELF) are never reported. */
  readonly predefined: boolean;
  /** The communicator, for communicators (so one private to a window can be left out). */
  readonly comm?: TrackedComm;
}

/** What the registry needs of a communicator (runtime/comm-state.ts's CommState). */
export interface TrackedComm {
  readonly ctx: number;
  readonly collCtx: number;
  readonly name: string;
  readonly freed: boolean;
  readonly runtime: { readonly engine: Engine };
}

interface RankResources {
  readonly objects: Freeable[];
  /** Context id -> the communicator using it. */
  readonly contexts: Map<number, TrackedComm>;
  /** Communicators private to another object (a window's): its leftover report covers them. */
  readonly hidden: WeakSet<TrackedComm>;
}

const perRank = new WeakMap<Engine, RankResources>();

function resourcesOf(engine: Engine): RankResources {
  let r = perRank.get(engine);
  if (r === undefined) {
    r = { objects: [], contexts: new Map(), hidden: new WeakSet() };
    perRank.set(engine, r);
  }
  return r;
}

/**
 * Record an object the program must free (a window), made by the rank that owns `engine`, at the
 * user's current call site. Call it from the object's constructor.
 */
export function trackResource(engine: Engine, kind: Freeable['kind'], name: () => string, isFreed: () => boolean): void {
  resourcesOf(engine).objects.push({ kind, name, isFreed, createdAt: userCallSite(), predefined: false });
}

/**
 * Record a new communicator; called once from its state's constructor. The first two of a rank
 * (WORLD and SELF, built with the runtime) are predefined.
 */
export function trackCommunicator(comm: TrackedComm): void {
  const r = resourcesOf(comm.runtime.engine);
  r.contexts.set(comm.ctx, comm);
  r.contexts.set(comm.collCtx, comm);
  const predefined = r.objects.length < 2;
  r.objects.push({
    kind: 'communicator',
    name: () => comm.name,
    isFreed: () => comm.freed,
    createdAt: predefined ? undefined : userCallSite(),
    predefined,
    comm,
  });
}

/** Leave a communicator out of the leftovers report: it belongs to an object reported in its own right (a window). */
export function hideCommunicator(comm: TrackedComm): void {
  resourcesOf(comm.runtime.engine).hidden.add(comm);
}

/** How reports name the communicator of a context id: its name, marked when it is collective traffic. */
export function contextName(engine: Engine, ctx: number): string {
  const comm = resourcesOf(engine).contexts.get(ctx);
  if (comm === undefined) return `context ${ctx}`;
  return ctx === comm.collCtx ? `${comm.name} (collective traffic)` : comm.name;
}

/**
 * Whether a context id carries threadmpi's own traffic rather than the program's messages: a
 * communicator's collective context, or any context of a hidden communicator (a window's).
 */
export function isInternalContext(engine: Engine, ctx: number): boolean {
  const r = resourcesOf(engine);
  const comm = r.contexts.get(ctx);
  return comm !== undefined && (comm.collCtx === ctx || r.hidden.has(comm));
}

/** Every context id the rank used, with its name, for the launcher to name unread messages. */
export function contextNames(engine: Engine): Array<[number, string]> {
  return [...resourcesOf(engine).contexts.keys()].map((ctx) => [ctx, contextName(engine, ctx)]);
}

/** The objects the rank created and has not freed. */
export function unfreed(engine: Engine): Freeable[] {
  const r = resourcesOf(engine);
  return r.objects.filter((o) => !o.predefined && !o.isFreed() && !(o.comm !== undefined && r.hidden.has(o.comm)));
}
