/**
 * The compact format of plain values (plain-encoder.ts, plain-decoder.ts): what most messages
 * are made of, JSON-like data, moved without node:v8's serializer, whose per-call set-up (a
 * native Serializer object, a fresh Buffer) costs several microseconds even for a tiny object.
 *
 * A plain value is undefined, null, a boolean, a number, a string of Latin-1 characters, or an
 * array or plain object (prototype Object.prototype or null) of plain values, at most
 * MAX_OBJECTS arrays and objects in all. Anything else (Map, Date, typed arrays, bigint, other
 * strings, class instances, sparse arrays, a `__proto__` key) is encoded by v8 instead. Repeated
 * references are kept (an object met twice decodes as one object), as structured clone does.
 * One difference from structured clone remains: named properties added to an array are not sent.
 *
 * Layout: FORMAT, then one value. A value is a tag byte and its data, little-endian; a length
 * is one byte below LONG, else LONG and a uint32:
 *   UNDEFINED NULL FALSE TRUE       no data
 *   INT                             int32
 *   FLOAT                           float64 (every number that is not an int32, -0 included)
 *   STRING                          length, then one byte per character
 *   ARRAY                           length, then the elements
 *   OBJECT                          property count (one byte: at most MAX_PROPERTIES), then per
 *                                   property: key (length, bytes), value
 *   REF                             index (one byte) of an earlier array or object, in encounter order
 */

/** First byte of a plain encoding. v8's serializer output always starts with 0xff (its version tag). */
export const FORMAT = 0x01;
export const V8_FORMAT = 0xff;

export const T_UNDEFINED = 0;
export const T_NULL = 1;
export const T_FALSE = 2;
export const T_TRUE = 3;
export const T_INT = 4;
export const T_FLOAT = 5;
export const T_STRING = 6;
export const T_ARRAY = 7;
export const T_OBJECT = 8;
export const T_REF = 9;

/** Arrays and objects one plain value may hold; repeated references are found by a linear search. */
export const MAX_OBJECTS = 64;
/** Properties of one plain object (objects used as large dictionaries are left to v8). */
export const MAX_PROPERTIES = 255;
/** A length byte of this value means a uint32 length follows. */
export const LONG = 0xff;
