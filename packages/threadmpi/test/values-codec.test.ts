/**
 * The value encoding (protocol/values.ts): whatever path a value takes (the compact plain format
 * or node:v8), it must decode to what structured clone would give, and the plain path must be
 * taken for the JSON-like data it exists for.
 */
import fc from 'fast-check';
import { decodeValue, encodeValue, encodeValueBorrowed } from '../src/protocol/values.js';
import { FORMAT, MAX_OBJECTS } from '../src/protocol/plain-format.js';

const roundTrip = (v: unknown) => decodeValue(encodeValue(v, 'send').bytes, null);
const bytesOf = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
/**
 * Why `got` differs from `want` as a program can tell (-0, NaN, undefined properties, holes, key
 * order, repeated references), or null. jest's own equality would trip over its separate realm,
 * whose Object.prototype v8's deserializer does not use, so kinds are told apart by their
 * toStringTag. A class instance is compared as the plain object structured clone makes of it.
 * Serialized bytes are no measure: v8 writes a field as int32 or double by its hidden class's
 * field representation, which other objects with the same keys change.
 */
function difference(got: unknown, want: unknown, path = '$', pairs = new Map<object, unknown>()): string | null {
  if (typeof want !== 'object' || want === null) return Object.is(got, want) ? null : `${path}: ${String(got)} is not ${String(want)}`;
  if (typeof got !== 'object' || got === null) return `${path}: ${String(got)} is not an object`;
  if (pairs.has(want)) return pairs.get(want) === got ? null : `${path}: a repeated reference lost its identity`;
  pairs.set(want, got);
  const kind = Object.prototype.toString.call(want);
  if (Object.prototype.toString.call(got) !== kind) return `${path}: ${Object.prototype.toString.call(got)} is not ${kind}`;
  const sequence = (g: Iterable<unknown>, w: Iterable<unknown>) => difference([...g], [...w], path, pairs);
  if (kind === '[object Map]') return sequence(got as Map<unknown, unknown>, want as Map<unknown, unknown>);
  if (kind === '[object Set]') return sequence(got as Set<unknown>, want as Set<unknown>);
  if (kind === '[object Date]') return difference((got as Date).getTime(), (want as Date).getTime(), path);
  if (kind === '[object RegExp]') return difference(String(got), String(want), path);
  if (ArrayBuffer.isView(want)) return bytesOf(got as ArrayBufferView).equals(bytesOf(want)) ? null : `${path}: elements differ`;
  if (kind !== '[object Object]' && kind !== '[object Array]') return `${path}: ${kind} is not compared by this test`;
  if (Array.isArray(want) !== Array.isArray(got)) return `${path}: array and object`;
  if (Array.isArray(want) && (got as unknown[]).length !== want.length) return `${path}: length`;
  const keys = Object.keys(want);
  if (Object.keys(got).join('\0') !== keys.join('\0')) return `${path}: keys ${Object.keys(got).join()} are not ${keys.join()}`;
  for (const k of keys) {
    const d = difference((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`, pairs);
    if (d !== null) return d;
  }
  return null;
}
const expectSameClone = (got: unknown, want: unknown, path = '$') => expect(difference(got, want, path)).toBeNull();
const isPlain = (v: unknown) => encodeValueBorrowed(v, 'send').bytes[0] === FORMAT && encodeValueBorrowed(v, 'send').borrowed;

test('any JSON-like value, with -0, NaN, undefined and Latin-1 or other text, decodes as structured clone would', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', '__proto__', 'constructor', 'x'.repeat(300)));
  const leaf = fc.oneof(
    fc.integer(), fc.double(), fc.constantFrom(-0, NaN, Infinity, 2 ** 31, -(2 ** 31) - 1), fc.boolean(), fc.constant(null),
    fc.constant(undefined), text,
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(text, tie('node'), { maxKeys: 5 })),
  })).node;
  fc.assert(fc.property(value, (v) => {
    expectSameClone(roundTrip(v), v);
  }), { numRuns: 500 });
});

test('the small message of the benchmarks takes the plain path and needs no new buffer', () => {
  const message = { from: 1, tag: 2, data: [{ k: 'key0', v: 0.5 }] };
  const first = encodeValueBorrowed(message, 'send');
  expect(first.bytes[0]).toBe(FORMAT);
  expect(first.borrowed).toBe(true);
  const buffer = first.bytes;
  expect(encodeValueBorrowed(message, 'send').bytes).toBe(buffer);
  expectSameClone(roundTrip(message), message);
});

test('repeated references and cycles keep their identity', () => {
  const shared = { x: 1 };
  const dag = roundTrip({ a: shared, b: [shared, shared] }) as { a: object; b: object[] };
  expect(dag.a).toBe(dag.b[0]);
  expect(dag.b[1]).toBe(dag.a);
  const cycle: Record<string, unknown> = { name: 'c' };
  cycle.self = cycle;
  const back = roundTrip(cycle) as Record<string, unknown>;
  expect(back.self).toBe(back);
  expect(isPlain(cycle)).toBe(true);
});

test('values the plain format does not cover go through v8 and keep their meaning', () => {
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const proto = JSON.parse('{"__proto__": {"polluted": true}}') as object;
  const deep: unknown[] = [];
  let at = deep;
  for (let i = 0; i < MAX_OBJECTS + 5; i++) at = (at[0] = []) as unknown[];
  const others: unknown[] = [
    new Map([[1, 'x']]), new Set([2]), new Date(3), 4n, new Float32Array([5]), /re/g, sparse, 'snow ☃', { s: 'ελληνικά' },
    proto, Object.assign(Object.create(null), { n: 1 }), deep, new (class Point { x = 1; })(),
  ];
  roundTrip(new Set([{ x: 0.5 }])); // v8 decodes a double x: the field every later decoded {x} shares is then a double, the Point's 1 too

  others.forEach((v, i) => expectSameClone(roundTrip(v), v, `others[${i}]`));
  expect(isPlain(sparse)).toBe(false);
  expect(isPlain(proto)).toBe(false);
  const back = roundTrip(proto) as Record<string, unknown>;
  expect(Object.keys(back)).toEqual(['__proto__']);
  expect(back.polluted).toBeUndefined();
  expect(1 in (roundTrip(sparse) as unknown[])).toBe(false);
});

test('values that cannot be cloned raise ERR_ARG naming the call', () => {
  for (const bad of [() => 1, { f: () => 1 }, Symbol('s')]) {
    expect(() => encodeValue(bad, 'isend')).toThrow(expect.objectContaining({ errorClass: 'ERR_ARG', message: expect.stringMatching(/isend: the value cannot be sent/) }));
  }
});

test('shared memory travels by reference: a SharedArrayBuffer, a view over one, a shared WebAssembly.Memory', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const sab = new SharedArrayBuffer(16);
  const view = new Float64Array(memory.buffer, 8, 2);
  // An array, not an object: node:v8 decodes objects with the main realm's Object.prototype,
  // which is not jest's, so restoreShared would not descend into one here (it does in a rank).
  const { bytes, buffers } = encodeValue([memory, sab, view, 3], 'send');
  expect(buffers).toHaveLength(3);
  const [m, s, v, n] = decodeValue(bytes, buffers) as [WebAssembly.Memory, SharedArrayBuffer, Float64Array, number];
  expect(m).toBe(memory);
  expect(s).toBe(sab);
  expect(v.buffer).toBe(memory.buffer);
  expect([v.byteOffset, v.length, n]).toEqual([8, 2, 3]);
});
