/**
 * What a receive or probe learned about its message (MPI_Status / mpi4py's Status).
 */
import { DtypeCode, ELEMENT_BYTES, isValueCode } from './protocol/dtypes.js';
import { ANY_SOURCE, ANY_TAG } from './constants.js';
import type { Datatype } from './Datatype.js';

export class Status {
  source: number = ANY_SOURCE;
  tag: number = ANY_TAG;
  /** 0 on success, as in MPI. */
  error = 0;
  /** @internal message size in bytes */
  byteCount = 0;
  /** @internal element type code of the message */
  dtype: number = DtypeCode.UINT8;
  /** @internal */
  cancelled = false;

  /**
   * Elements in the message: for a typed-array message, elements of its type (or of `datatype`
   * items when given); for a value message, its serialized size in bytes.
   */
  Get_count(datatype?: Datatype): number {
    if (isValueCode(this.dtype)) return this.byteCount;
    const bpe = ELEMENT_BYTES[this.dtype]!;
    if (datatype === undefined) return this.byteCount / bpe;
    const itemBytes = datatype.Get_size();
    return itemBytes === 0 ? 0 : Math.floor(this.byteCount / itemBytes);
  }

  Get_source(): number {
    return this.source;
  }

  Get_tag(): number {
    return this.tag;
  }

  Get_error(): number {
    return this.error;
  }

  Is_cancelled(): boolean {
    return this.cancelled;
  }

  /** @internal copy another status into this one (a caller-provided Status is filled in place). */
  assign(from: { source: number; tag: number; byteCount: number; dtype: number; cancelled?: boolean }): void {
    this.set(from.source, from.tag, from.byteCount, from.dtype, from.cancelled ?? false);
  }

  /** @internal assign without building an object (the blocking receive's path). */
  set(source: number, tag: number, byteCount: number, dtype: number, cancelled: boolean): void {
    this.source = source;
    this.tag = tag;
    this.byteCount = byteCount;
    this.dtype = dtype;
    this.cancelled = cancelled;
    this.error = 0;
  }
}
