import { Barrier, CACHE_LINE_BYTES } from '../src/index.js';
import { runWorkers } from './helpers/workers.js';

describe('Barrier in one thread', () => {
  test('a barrier of one party never waits and is always serial', () => {
    const barrier = new Barrier(new SharedArrayBuffer(Barrier.BYTES), 0, 1);
    expect([barrier.wait(), barrier.wait(), barrier.wait()]).toEqual([true, true, true]);
  });

  test('parties must be a positive integer, offsets line-aligned', () => {
    const buffer = new SharedArrayBuffer(2 * Barrier.BYTES);
    for (const parties of [0, -2, 1.5]) expect(() => new Barrier(buffer, 0, parties)).toThrow(RangeError);
    expect(() => new Barrier(buffer, 32, 2)).toThrow(RangeError);
  });
});

describe('Barrier across threads', () => {
  test('8 threads x many rounds: nobody passes early, one serial thread per round', async () => {
    const PARTIES = 8;
    const ROUNDS = 2_000;
    // Barrier, then each array on lines of its own.
    const roundOfOffset = Barrier.BYTES;
    const violationsOffset = roundOfOffset + CACHE_LINE_BYTES;
    const serialsOffset = violationsOffset + CACHE_LINE_BYTES;
    const buffer = new SharedArrayBuffer(serialsOffset + ROUNDS * Int32Array.BYTES_PER_ELEMENT);
    const shared = { buffer, barrierOffset: 0, roundOfOffset, serialsOffset, violationsOffset, parties: PARTIES, rounds: ROUNDS };

    await runWorkers('barrier-rounds.mjs', Array.from({ length: PARTIES }, (_, index) => ({ ...shared, index })));

    expect(new Int32Array(buffer, violationsOffset, 1)[0]).toBe(0);
    expect(Array.from(new Int32Array(buffer, roundOfOffset, PARTIES))).toEqual(Array(PARTIES).fill(ROUNDS));
    const serials = Array.from(new Int32Array(buffer, serialsOffset, ROUNDS));
    expect(serials.filter((n) => n !== 1)).toEqual([]);
  });
});
