/**
 * The predefined reductions as WebAssembly SIMD loops, for the shared-memory collectives.
 *
 * V8 does not vectorise the JS kernels (typed-kernels.ts): a Float64 sum runs at about 2.1 ns an
 * element on this machine's cores, against 0.1-0.4 ns for a 128-bit SIMD loop. A WebAssembly
 * module can only address its own memory, so these loops work on the communicator's segment,
 * which is allocated as a shared WebAssembly.Memory for that reason (shm/segment.ts): a sliced
 * algorithm publishes every rank's chunk there and reduces in place, with no JS loop per element.
 *
 * Each loop is `o = x ∘ y` over a byte range, 32 bytes (two vectors) a turn, where `x` holds the
 * lower ranks' contributions and `y` the higher ones' (MPI's `in ∘ inout`); `o` may be `y`. Every
 * instruction computes exactly what the JS kernel's store into the same element type computes,
 * which the tests check element by element, NaN and signed zero included:
 *   - integer add and mul wrap, as a store into an Int8Array...BigUint64Array wraps;
 *   - a float32 sum or product rounded once equals the float64 one rounded to float32;
 *   - MAX and MIN on floats are pmax(y, x) = y < x ? x : y and pmin(y, x) = x < y ? x : y, the JS
 *     kernels' `if (x > y) y = x` and `if (x < y) y = x` (not the IEEE max/min, which differ
 *     on NaN and on -0).
 * Operations without a lane instruction here (LAND, LOR, LXOR, MAXLOC, MINLOC, 8-bit products,
 * 64-bit MAX/MIN, user operations) have no SIMD loop and stay on the JS kernels.
 *
 * The module is assembled here from bytes (about 3 KB of them) rather than shipped as a compiled
 * file: one loop shape, parameterised by the lane instruction, needs neither a toolchain nor a
 * build step.
 */
import { DtypeCode } from '../../protocol/dtypes.js';
import '../../protocol/webassembly-types.js';
import type { PredefinedName } from './typed-kernels.js';

/** `o[0, bytes) = x[0, bytes) ∘ y[0, bytes)` at byte addresses of the memory; `bytes` a multiple of SIMD_BLOCK. */
export type SimdKernel = (x: number, y: number, o: number, bytes: number) => void;

/** Bytes a kernel handles per turn; callers finish the remainder with the JS kernel. */
export const SIMD_BLOCK = 32;

const { INT8, UINT8, INT16, UINT16, INT32, UINT32, FLOAT32, FLOAT64, BIGINT64, BIGUINT64 } = DtypeCode;
const INTEGERS = [INT8, UINT8, INT16, UINT16, INT32, UINT32, BIGINT64, BIGUINT64];

/** The lane instruction (its opcode after the 0xfd SIMD prefix) of each operation, per element type. */
const LANE_OPS: Partial<Record<PredefinedName, Partial<Record<DtypeCode, number>>>> = {
  SUM: { [INT8]: 0x6e, [UINT8]: 0x6e, [INT16]: 0x8e, [UINT16]: 0x8e, [INT32]: 0xae, [UINT32]: 0xae, [BIGINT64]: 0xce, [BIGUINT64]: 0xce, [FLOAT32]: 0xe4, [FLOAT64]: 0xf0 },
  PROD: { [INT16]: 0x95, [UINT16]: 0x95, [INT32]: 0xb5, [UINT32]: 0xb5, [BIGINT64]: 0xd5, [BIGUINT64]: 0xd5, [FLOAT32]: 0xe6, [FLOAT64]: 0xf2 },
  MAX: { [INT8]: 0x78, [UINT8]: 0x79, [INT16]: 0x98, [UINT16]: 0x99, [INT32]: 0xb8, [UINT32]: 0xb9, [FLOAT32]: 0xeb, [FLOAT64]: 0xf7 },
  MIN: { [INT8]: 0x76, [UINT8]: 0x77, [INT16]: 0x96, [UINT16]: 0x97, [INT32]: 0xb6, [UINT32]: 0xb7, [FLOAT32]: 0xea, [FLOAT64]: 0xf6 },
  BAND: Object.fromEntries(INTEGERS.map((c) => [c, 0x4e])),
  BOR: Object.fromEntries(INTEGERS.map((c) => [c, 0x50])),
  BXOR: Object.fromEntries(INTEGERS.map((c) => [c, 0x51])),
};

/** Every distinct lane instruction, in a fixed order: function i of the module uses OPCODES[i]. */
const OPCODES: readonly number[] = [...new Set(Object.values(LANE_OPS).flatMap((byType) => Object.values(byType)))].sort((a, b) => a - b);

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  return vector([...s].map((ch) => [ch.charCodeAt(0)]));
}

// Instructions of the loop body.
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_GE_U = 0x4f;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const V128_STORE = 0x0b;
// Parameters x, y, o, bytes and one local, end.
const X = 0, Y = 1, O = 2, BYTES = 3, END = 4;

/** One vector: o[off] = lane(y[off], x[off]) (y first: see pmax/pmin in the module comment). */
function vectorStep(opcode: number, off: number): number[] {
  return [
    LOCAL_GET, O,
    LOCAL_GET, Y, SIMD, V128_LOAD, 0, off,
    LOCAL_GET, X, SIMD, V128_LOAD, 0, off,
    SIMD, ...uleb(opcode),
    SIMD, V128_STORE, 0, off,
  ];
}

function advance(local: number): number[] {
  return [LOCAL_GET, local, I32_CONST, SIMD_BLOCK, I32_ADD, LOCAL_SET, local];
}

/** for (end = o + bytes; o < end; x += 32, y += 32, o += 32) two vector steps. */
function loopBody(opcode: number): number[] {
  const code = [
    ...vector([[1, 0x7f]]), // one i32 local: end
    LOCAL_GET, O, LOCAL_GET, BYTES, I32_ADD, LOCAL_SET, END,
    0x02, 0x40, 0x03, 0x40, // block, loop
    LOCAL_GET, O, LOCAL_GET, END, I32_GE_U, 0x0d, 1, // br_if out of the block
    ...vectorStep(opcode, 0),
    ...vectorStep(opcode, 16),
    ...advance(X), ...advance(Y), ...advance(O),
    0x0c, 0, // br to the loop
    0x0b, 0x0b, 0x0b, // end loop, block, function
  ];
  return [...uleb(code.length), ...code];
}

/** The module's bytes: it imports env.memory (shared, any size) and exports function i as `k<i>`. */
function simdModuleBytes(): Uint8Array {
  const I32 = 0x7f;
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32]]), 0]])),
    // memory import, limits flag 3 = has a maximum and is shared; 0 to 65536 pages (4 GiB)
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x03, 0, ...uleb(65536)]])),
    ...section(3, vector(OPCODES.map(() => [0]))),
    ...section(7, vector(OPCODES.map((_, i) => [...name(`k${i}`), 0x00, ...uleb(i)]))),
    ...section(10, vector(OPCODES.map(loopBody))),
  ];
  return Uint8Array.from(bytes);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module (once per thread), or null where WebAssembly SIMD is not available. */
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = simdModuleBytes();
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** The SIMD loops of one shared memory. */
export class SimdKernels {
  private constructor(private readonly byOpcode: ReadonlyMap<number, SimdKernel>) {}

  /** Loops over `memory`, or null when this Node has no WebAssembly SIMD. */
  static over(memory: WebAssembly.Memory): SimdKernels | null {
    const module = simdModule();
    if (module === null) return null;
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, SimdKernel>;
    return new SimdKernels(new Map(OPCODES.map((opcode, i) => [opcode, exports[`k${i}`]!])));
  }

  /** The loop of a predefined operation on elements of `code`, or null if it has none. */
  kernel(op: PredefinedName | null, code: DtypeCode): SimdKernel | null {
    if (op === null) return null;
    const opcode = LANE_OPS[op]?.[code];
    return opcode === undefined ? null : this.byOpcode.get(opcode)!;
  }
}
