/**
 * Recording one rank's trace: a slice per MPI call the program makes and a flow arrow per message,
 * from the call that sent it to the call in which it was received.
 *
 * Zero cost when off: nothing here runs unless the job asked for a trace. Then, for that job only,
 * the public methods of the MPI classes (Comm and its subclasses, Request, Win) are wrapped on
 * their prototypes in this rank's thread, and the wrappers are removed when the rank returns, so
 * the next job in this warm worker runs the plain methods again. Only the outermost MPI call is
 * recorded: `sendrecv` is one slice even though it calls other methods inside.
 *
 * Messages: the engine's startSend (every message, point-to-point or inside a collective) is
 * wrapped to emit a flow start, and its `matched` (called exactly once per message, when a receive
 * takes it) to emit the flow finish. (source, destination, message number) names a message on
 * both sides, so both ends compute the same flow id without talking to each other.
 *
 * The messages threadmpi sends for its own calls (inside collectives, window creation) are left
 * out unless the job asks for them (`traceInternals`): then each gets a short `send`/`recv` slice
 * inside its call's slice, with its peer, tag and size, and the arrow between them, which is what
 * shows a ring from a tree.
 */
import { Comm } from '../../Comm.js';
import { Request } from '../../Request.js';
import { Win } from '../../Win.js';
import { Engine } from '../../transport/engine.js';
import type { RecvOp, SendOp } from '../../transport/ops.js';
import { isInternalContext } from '../resources.js';
import * as api from '../../index.js';
import type { TraceEvent } from '../types.js';
import { callArgs, parameterNames } from './arguments.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The id of the flow arrow of message `seq` from world rank `src` to world rank `dest`. */
function flowId(src: number, dest: number, seq: number): number {
  return (src * 0x10000 + dest) * 0x1_0000_0000 + (seq >>> 0);
}

/** Length of an internal message's slice: long enough to see and click in Perfetto, short next to any call. */
const INTERNAL_SLICE_US = 0.5;

class Recorder {
  readonly events: TraceEvent[] = [];
  /** Nesting of MPI calls in progress: only the outermost one becomes a slice. */
  depth = 0;

  constructor(
    private readonly pid: number,
    private readonly tid: number,
    private readonly originMs: number,
  ) {}

  /** Microseconds on the job's clock (Wtime() * 1e6), so every rank's events line up. */
  now(): number {
    return (performance.timeOrigin + performance.now() - this.originMs) * 1000;
  }

  slice(name: string, ts: number, args: Record<string, unknown>): void {
    this.events.push({ name, cat: 'mpi', ph: 'X', ts, dur: this.now() - ts, pid: this.pid, tid: this.tid, args });
  }

  flow(ph: 's' | 'f', id: number, ts = this.now()): void {
    const e: TraceEvent = { name: 'message', cat: 'message', ph, id, ts, pid: this.pid, tid: this.tid };
    this.events.push(ph === 'f' ? { ...e, bp: 'e' } : e);
  }

  /** An internal message: its own short slice (so the arrow has a place to start or end) and the arrow. */
  internalMessage(ph: 's' | 'f', id: number, args: Record<string, unknown>, ts = this.now()): void {
    this.events.push({ name: ph === 's' ? 'send' : 'recv', cat: 'message', ph: 'X', ts, dur: INTERNAL_SLICE_US, pid: this.pid, tid: this.tid, args });
    this.flow(ph, id, ts + INTERNAL_SLICE_US / 2);
  }
}

/** Replaced properties, to put back exactly as they were. */
type Patch = [target: object, key: string, original: PropertyDescriptor];

function patchMethod(patches: Patch[], target: object, key: string, wrap: (original: Method) => Method): void {
  const original = Object.getOwnPropertyDescriptor(target, key);
  if (typeof original?.value !== 'function') throw new Error(`tracing: ${key} is not a method any more; update diagnostics/trace/recorder.ts`);
  patches.push([target, key, original]);
  Object.defineProperty(target, key, { ...original, value: wrap(original.value as Method) });
}

function tracedCall(recorder: Recorder, label: string, original: Method): Method {
  const names = parameterNames(original);
  return function (this: unknown, ...args: unknown[]) {
    if (recorder.depth > 0) return original.apply(this, args);
    recorder.depth++;
    const ts = recorder.now();
    const sliceArgs = callArgs(names, args);
    if (this instanceof Comm) sliceArgs.comm = this.name;
    try {
      return original.apply(this, args);
    } catch (error) {
      sliceArgs.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      recorder.depth--;
      recorder.slice(label, ts, sliceArgs);
    }
  };
}

/**
 * Not MPI calls, though JavaScript shows them on the prototypes: the class plumbing, Request's
 * awaitable machinery (an `await req` is not a call that blocks the rank, so it gets no slice),
 * and the helpers TypeScript keeps private, which are camelCase like no MPI name is
 * (postValueSend, irecvNamed; MPI names are `send`, `Sendrecv_replace`, `Get_rank`).
 */
const NOT_CALLS = new Set(['constructor', 'length', 'name', 'prototype', 'then', 'settle', 'complete', 'derive']);

/** Every MPI call of a prototype (or of a class, for its static methods): own plain methods, not accessors. */
function methodNames(target: object): string[] {
  return Object.getOwnPropertyNames(target).filter((key) => {
    if (NOT_CALLS.has(key) || /[a-z][A-Z]/.test(key)) return false;
    return typeof Object.getOwnPropertyDescriptor(target, key)!.value === 'function';
  });
}

/** The MPI classes the program can call: every export of the package that is (or extends) Comm, Request or Win. */
function mpiClasses(): Array<{ cls: Function; prefix: string }> {
  const roots: Array<[Function, string]> = [[Comm, ''], [Request, 'Request.'], [Win, 'Win.']];
  const found: Array<{ cls: Function; prefix: string }> = [];
  for (const value of Object.values(api)) {
    if (typeof value !== 'function') continue;
    const root = roots.find(([r]) => value === r || value.prototype instanceof r);
    if (root !== undefined) found.push({ cls: value, prefix: root[1] });
  }
  return found;
}

/**
 * Start tracing this rank. Returns the function that stops it (removing every wrapper) and hands
 * back the events recorded.
 */
export function startTracing(pid: number, rank: number, originMs: number, internals: boolean): () => TraceEvent[] {
  const recorder = new Recorder(pid, rank, originMs);
  const patches: Patch[] = [];
  for (const { cls, prefix } of mpiClasses()) {
    for (const key of methodNames(cls.prototype)) patchMethod(patches, cls.prototype, key, (m) => tracedCall(recorder, prefix + key, m));
    for (const key of methodNames(cls)) patchMethod(patches, cls, key, (m) => tracedCall(recorder, `${cls.name}.${key}`, m));
  }
  const engine = Engine.prototype as unknown as Record<string, Method>;
  patchMethod(patches, engine, 'startSend', (startSend) =>
    function (this: unknown, op: unknown) {
      // Stamped before the send starts: once started, the message can be matched (and the
      // receive's end stamped) before this thread runs again, and an arrow must not start after
      // the receive it ends in. startSend assigns the sequence number, so the id comes after.
      const ts = recorder.now();
      const result = startSend.call(this, op);
      const self = this as Engine;
      const send = op as SendOp;
      const id = flowId(self.rank, send.dest, send.seq);
      if (!isInternalContext(self, send.ctx)) recorder.flow('s', id, ts);
      else if (internals) recorder.internalMessage('s', id, { dest: send.dest, tag: send.tag, bytes: send.bytes }, ts);
      return result;
    });
  patchMethod(patches, engine, 'matched', (matched) =>
    function (this: unknown, ...args: unknown[]) {
      // matched(op, src, seq, tag, bytes): the receive `op` takes message `seq` from world rank `src`.
      const self = this as Engine;
      const [recv, src, seq, tag, bytes] = args as [RecvOp, number, number, number, number];
      const id = flowId(src, self.rank, seq);
      if (!isInternalContext(self, recv.ctx)) recorder.flow('f', id);
      else if (internals) recorder.internalMessage('f', id, { source: src, tag, bytes });
      return matched.apply(this, args);
    });
  return () => {
    for (const [target, key, original] of patches.reverse()) Object.defineProperty(target, key, original);
    return recorder.events;
  };
}
