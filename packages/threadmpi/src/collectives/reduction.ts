/**
 * What a reduction algorithm combines, behind one interface, so each algorithm (binomial reduce,
 * recursive doubling, scans, ...) is written once for both forms:
 *
 *   TypedReduction   partials are byte views of typed-array data, combined in place with the
 *                    operation's kernel; receives land in reusable scratch buffers, and the result
 *                    is built directly in the user's receive buffer when it has one.
 *   ValueReduction   partials are JavaScript values, serialized to send, combined with op(a, b).
 *
 * Algorithms only ever combine a partial with the partial of an adjacent range of ranks, and say on
 * which side it lies (`prepend` for lower ranks, `append` for higher ones), which is what keeps
 * non-commutative operations in rank order.
 */
import { ARRAY_TYPES, type DtypeCode, type TypedArray, type TypedArrayConstructor } from '../protocol/dtypes.js';
import type { Op } from '../Op.js';
import type { RecvOp } from '../transport/ops.js';
import { decodeBlob, encodeBlob } from './blobs.js';
import { blobOf, type Exchange } from './exchange.js';
import type { CollBuffer } from './api/buffers.js';
import type { BcastData } from './signatures.js';

export interface Reduction<P> {
  readonly op: Op;
  /** This rank's contribution; read-only. */
  own(): P;
  /** A writable partial holding this rank's contribution: in the result buffer when `asResult`. */
  start(asResult: boolean): P;
  /** The bytes to send for a partial. */
  encode(p: P): Uint8Array;
  /** Receive a peer's partial; `slot` keeps receives in flight at once apart. */
  recvPartial(c: Exchange, peer: number, slot: number): RecvOp;
  /** The partial a completed `recvPartial` delivered; read-only, valid until its slot is reused. */
  partial(op: RecvOp, slot: number): P;
  /** acc := earlier ∘ acc. */
  prepend(acc: P, earlier: P): P;
  /** acc := acc ∘ later. */
  append(acc: P, later: P): P;
  /** A copy of `p` as this rank's result (exscan's first partial). */
  adopt(p: P): P;
  /** Receive a finished result from a peer straight into the result buffer. */
  recvResult(c: Exchange, peer: number): RecvOp;
  result(op: RecvOp): P;
  /** How to broadcast a finished result: the root passes it, the others what they receive into. */
  bcastData(isRoot: boolean, p: P | null): BcastData;
  /** The result after the broadcast (`p` at the root). */
  fromBcast(isRoot: boolean, data: BcastData, p: P | null): P;
}

/**
 * What a typed algorithm returns when it built the result in the target's elements itself (the
 * shared-memory ones): saying so costs nothing, while naming the target's bytes makes a view,
 * which for a short vector costs more than the reduction.
 */
export const IN_TARGET = new Uint8Array(0);

export class TypedReduction implements Reduction<Uint8Array> {
  readonly Array: TypedArrayConstructor;
  readonly elementBytes: number;
  /** Bytes of the smallest piece a block-cutting algorithm may hand the operation. */
  readonly unitBytes: number;
  private scratch: Uint8Array[] | null = null;

  constructor(
    readonly op: Op,
    readonly code: DtypeCode,
    /** This rank's contribution. */
    private readonly input: CollBuffer,
    /** Where the result goes at this rank, or null when it has none (non-root of reduce). */
    private readonly output: CollBuffer | null,
    /** Elements the operation combines together (see `reductionUnit`). */
    unit: number,
  ) {
    this.Array = ARRAY_TYPES[code]!;
    this.elementBytes = this.Array.BYTES_PER_ELEMENT;
    this.unitBytes = unit * this.elementBytes;
  }

  get bytes(): number {
    return this.input.count * this.elementBytes;
  }

  /** The result buffer as bytes, or null when this rank has none. */
  get target(): Uint8Array | null {
    return this.output === null ? null : this.output.bytes;
  }

  /** This rank's contribution as elements (what the shared-memory algorithms copy). */
  get ownElements(): TypedArray {
    return this.input.array;
  }

  /** The result buffer as elements. */
  get targetElements(): TypedArray | null {
    return this.output === null ? null : this.output.array;
  }

  own(): Uint8Array {
    return this.input.bytes;
  }

  start(asResult: boolean): Uint8Array {
    const input = this.input.bytes;
    const t = asResult && this.output !== null ? this.output.bytes : new Uint8Array(input.length);
    // IN_PLACE: the contribution already is the result buffer.
    if (t !== input) t.set(input);
    return t;
  }

  encode(p: Uint8Array): Uint8Array {
    return p;
  }

  /** A scratch buffer of `bytes` bytes for slot `slot`, reused across the call. */
  scratchBytes(slot: number, bytes = this.bytes): Uint8Array {
    const all = (this.scratch ??= []);
    let s = all[slot];
    if (s === undefined || s.length < bytes) all[slot] = s = new Uint8Array(bytes);
    return s.subarray(0, bytes);
  }

  recvPartial(c: Exchange, peer: number, slot: number): RecvOp {
    return c.recv(peer, this.scratchBytes(slot));
  }

  partial(op: RecvOp): Uint8Array {
    return op.target!;
  }

  prepend(acc: Uint8Array, earlier: Uint8Array): Uint8Array {
    this.op.reduceInto(this.view(earlier), this.view(acc));
    return acc;
  }

  append(acc: Uint8Array, later: Uint8Array): Uint8Array {
    this.op.reduceAfter(this.view(acc), this.view(later));
    return acc;
  }

  adopt(p: Uint8Array): Uint8Array {
    const t = this.target ?? new Uint8Array(p.length);
    t.set(p);
    return t;
  }

  recvResult(c: Exchange, peer: number): RecvOp {
    return c.recv(peer, this.target ?? this.scratchBytes(0));
  }

  result(op: RecvOp): Uint8Array {
    return op.target!;
  }

  bcastData(isRoot: boolean, p: Uint8Array | null): BcastData {
    return { bytes: isRoot ? p! : (this.target ?? this.scratchBytes(0)) };
  }

  fromBcast(_isRoot: boolean, data: BcastData): Uint8Array {
    return data.bytes!;
  }

  /** The elements of a byte view, for the operation's kernel. */
  view(bytes: Uint8Array): TypedArray {
    return new (this.Array as new (b: ArrayBufferLike, offset: number, length: number) => TypedArray)(bytes.buffer, bytes.byteOffset, bytes.length / this.elementBytes);
  }
}

export class ValueReduction implements Reduction<unknown> {
  constructor(readonly op: Op, private readonly value: unknown, private readonly call: string) {}

  own(): unknown {
    return this.value;
  }

  start(): unknown {
    return this.value;
  }

  encode(p: unknown): Uint8Array {
    return encodeBlob(p, this.call);
  }

  recvPartial(c: Exchange, peer: number): RecvOp {
    return c.recvBlob(peer);
  }

  partial(op: RecvOp): unknown {
    return decodeBlob(blobOf(op));
  }

  prepend(acc: unknown, earlier: unknown): unknown {
    return this.op.combine(earlier, acc);
  }

  append(acc: unknown, later: unknown): unknown {
    return this.op.combine(acc, later);
  }

  adopt(p: unknown): unknown {
    return p;
  }

  recvResult(c: Exchange, peer: number): RecvOp {
    return c.recvBlob(peer);
  }

  result(op: RecvOp): unknown {
    return decodeBlob(blobOf(op));
  }

  bcastData(isRoot: boolean, p: unknown): BcastData {
    return { bytes: isRoot ? this.encode(p) : null };
  }

  fromBcast(isRoot: boolean, data: BcastData, p: unknown): unknown {
    return isRoot ? p : decodeBlob(data.bytes!);
  }
}

/** For algorithms that cut the vector into blocks: only typed data can be cut (the registry never passes values). */
export function typedOnly<P>(r: Reduction<P>, algorithm: string): TypedReduction {
  if (!(r instanceof TypedReduction)) throw new TypeError(`${algorithm} reduces typed arrays only`);
  return r;
}
