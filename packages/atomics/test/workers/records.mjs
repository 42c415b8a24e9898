// The records of the cross-thread ring stress test. Producer and consumer derive a record's size and
// content from its sequence number alone, so the consumer can check every byte without any copy of
// what was sent: a lost, repeated, reordered or torn record shows as a mismatch.
//
// Globals are looked up once: under jest each global access goes through the vm context's
// interceptor and costs ~100x more, which would make the consumer the bottleneck of the test.
const { imul } = Math;

/** A well-mixed 32-bit hash of `seq` (murmur3's finaliser). */
function mix(seq) {
  let h = seq ^ 0x9e3779b9;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Body size of record `seq`: 4 bytes of sequence number, then 0..maxExtra bytes of content. */
export function recordSize(seq, maxExtra) {
  return 4 + (mix(seq) % (maxExtra + 1));
}

function contentByte(hash, i) {
  return (hash + i * 131) & 0xff;
}

/** Write record `seq` into a ring body at byte offset `at` (8-byte aligned). */
export function writeRecord(ring, at, seq, size) {
  const { bytes, words } = ring;
  const hash = mix(seq);
  words[at >> 2] = seq;
  for (let i = 4; i < size; i++) bytes[at + i] = contentByte(hash, i);
}

/** Why the body at `at` is not record `seq`, or null when it is. */
export function recordMismatch(ring, at, seq, maxExtra) {
  const { bytes, words } = ring;
  const size = ring.bodyLength(at);
  const expectedSize = recordSize(seq, maxExtra);
  if (size !== expectedSize) return `record ${seq}: length ${size}, expected ${expectedSize}`;
  if (words[at >> 2] !== seq) return `expected record ${seq}, got record ${words[at >> 2]}`;
  const hash = mix(seq);
  for (let i = 4; i < size; i++) {
    const want = contentByte(hash, i);
    if (bytes[at + i] !== want) return `record ${seq}: byte ${i} is ${bytes[at + i]}, expected ${want}`;
  }
  return null;
}
