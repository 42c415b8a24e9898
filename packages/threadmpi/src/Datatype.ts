/**
 * MPI datatypes: one predefined type per typed array, and derived types that describe strided
 * layouts (a matrix column, a halo row, a sub-block) in elements of one base type.
 *
 * A derived type is kept as its type map flattened to element displacements (`displs`) plus an
 * extent, both in base elements. Sending `[buf, count, type]` gathers elements
 * `i * extent + displs[j]`; receiving scatters them the same way. The message itself is always
 * the contiguous sequence of base elements, so the receiver may use another layout of the same
 * base type, as MPI's type-signature rule allows.
 */
import { mpiError } from './errors.js';
import { ARRAY_TYPES, DTYPE_NAMES, DtypeCode, type TypedArrayConstructor } from './protocol/dtypes.js';

export const ORDER_C = 0;
export const ORDER_FORTRAN = 1;

export class Datatype {
  /** Element displacements of one item, in base elements; null for a predefined type. */
  readonly displs: Int32Array | null;
  private committed: boolean;
  private freed = false;

  private constructor(
    readonly name: string,
    /** The base element type code shared by the whole type map. */
    readonly code: DtypeCode,
    displs: Int32Array | null,
    /** Distance between consecutive items, in base elements. */
    readonly extent: number,
  ) {
    this.displs = displs;
    this.committed = displs === null;
  }

  /** @internal */
  static predefined(code: DtypeCode): Datatype {
    return new Datatype(DTYPE_NAMES[code]!, code, null, 1);
  }

  /** The typed array type whose elements this datatype is made of. */
  get ArrayType(): TypedArrayConstructor {
    return ARRAY_TYPES[this.code]!;
  }

  /** Base elements per item. */
  get count(): number {
    return this.displs === null ? 1 : this.displs.length;
  }

  /** Size of one item in bytes (MPI_Type_size). */
  Get_size(): number {
    return this.count * this.ArrayType.BYTES_PER_ELEMENT;
  }

  /** [lower bound, extent] in bytes (MPI_Type_get_extent). */
  Get_extent(): [number, number] {
    return [0, this.extent * this.ArrayType.BYTES_PER_ELEMENT];
  }

  get isCommitted(): boolean {
    return this.committed;
  }

  Commit(): this {
    this.assertUsable();
    this.committed = true;
    return this;
  }

  Free(): void {
    this.freed = true;
  }

  /** `count` copies of this type, back to back. */
  Create_contiguous(count: number): Datatype {
    checkNonNegativeInt(count, 'count');
    return this.derive(`contiguous(${count}, ${this.name})`, tile(this.itemDispls(), this.extent, count, 1, this.extent), count * this.extent);
  }

  /** `count` blocks of `blocklength` items, block starts `stride` items apart. */
  Create_vector(count: number, blocklength: number, stride: number): Datatype {
    checkNonNegativeInt(count, 'count');
    checkNonNegativeInt(blocklength, 'blocklength');
    if (!Number.isInteger(stride)) throw mpiError('ERR_ARG', `stride must be an integer, got ${stride}`);
    const displs = tile(this.itemDispls(), this.extent, count, blocklength, stride * this.extent);
    const extent = count === 0 ? 0 : ((count - 1) * stride + blocklength) * this.extent;
    return this.derive(`vector(${count}, ${blocklength}, ${stride}, ${this.name})`, displs, extent);
  }

  /** A sub-block `subsizes` at `starts` of an array of shape `sizes` (C order by default). */
  Create_subarray(sizes: readonly number[], subsizes: readonly number[], starts: readonly number[], order = ORDER_C): Datatype {
    const nd = sizes.length;
    if (subsizes.length !== nd || starts.length !== nd || nd === 0) {
      throw mpiError('ERR_ARG', `sizes, subsizes and starts must have the same non-zero length, got ${nd}, ${subsizes.length}, ${starts.length}`);
    }
    for (let d = 0; d < nd; d++) {
      checkNonNegativeInt(sizes[d]!, `sizes[${d}]`);
      checkNonNegativeInt(subsizes[d]!, `subsizes[${d}]`);
      checkNonNegativeInt(starts[d]!, `starts[${d}]`);
      if (starts[d]! + subsizes[d]! > sizes[d]!) {
        throw mpiError('ERR_ARG', `subarray dimension ${d}: starts ${starts[d]} + subsizes ${subsizes[d]} exceeds size ${sizes[d]}`);
      }
    }
    // Visit dimensions from slowest to fastest varying.
    const dims = order === ORDER_C ? [...Array(nd).keys()] : [...Array(nd).keys()].reverse();
    const strides = new Array<number>(nd).fill(1);
    for (let k = dims.length - 2; k >= 0; k--) strides[dims[k]!] = strides[dims[k + 1]!]! * sizes[dims[k + 1]!]!;
    let offsets = [0];
    for (const d of dims) {
      const next: number[] = [];
      for (const base of offsets) for (let i = 0; i < subsizes[d]!; i++) next.push(base + (starts[d]! + i) * strides[d]!);
      offsets = next;
    }
    const total = sizes.reduce((a, b) => a * b, 1);
    const item = this.itemDispls();
    const displs = new Int32Array(offsets.length * item.length);
    let k = 0;
    for (const o of offsets) for (const e of item) displs[k++] = o * this.extent + e;
    return this.derive(`subarray([${sizes}], [${subsizes}], [${starts}], ${this.name})`, displs, total * this.extent);
  }

  /** @internal Throws unless the type may be used in communication. */
  assertUsable(): void {
    if (this.freed) throw mpiError('ERR_TYPE', `datatype ${this.name} was freed`);
  }

  /** @internal */
  assertCommitted(): void {
    this.assertUsable();
    if (!this.committed) throw mpiError('ERR_TYPE', `datatype ${this.name} must be committed (call .Commit()) before use`);
  }

  private itemDispls(): Int32Array {
    return this.displs ?? ONE_ELEMENT;
  }

  private derive(name: string, displs: Int32Array, extent: number): Datatype {
    this.assertUsable();
    return new Datatype(name, this.code, displs, extent);
  }
}

const ONE_ELEMENT = new Int32Array([0]);

/** Displacements of `count` blocks of `blocklength` items (`item`, `extent` apart), blocks `step` apart. */
function tile(item: Int32Array, extent: number, count: number, blocklength: number, step: number): Int32Array {
  const out = new Int32Array(count * blocklength * item.length);
  let k = 0;
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < blocklength; i++) {
      for (const e of item) out[k++] = b * step + i * extent + e;
    }
  }
  return out;
}

function checkNonNegativeInt(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw mpiError('ERR_COUNT', `${what} must be a non-negative integer, got ${n}`);
}

export const INT8 = Datatype.predefined(DtypeCode.INT8);
export const UINT8 = Datatype.predefined(DtypeCode.UINT8);
export const INT16 = Datatype.predefined(DtypeCode.INT16);
export const UINT16 = Datatype.predefined(DtypeCode.UINT16);
export const INT32 = Datatype.predefined(DtypeCode.INT32);
export const UINT32 = Datatype.predefined(DtypeCode.UINT32);
export const FLOAT32 = Datatype.predefined(DtypeCode.FLOAT32);
export const FLOAT64 = Datatype.predefined(DtypeCode.FLOAT64);
export const BIGINT64 = Datatype.predefined(DtypeCode.BIGINT64);
export const BIGUINT64 = Datatype.predefined(DtypeCode.BIGUINT64);
