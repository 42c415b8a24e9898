import { CACHE_LINE_BYTES, Doorbell } from '../src/index.js';
import { runWorkers } from './helpers/workers.js';

describe('Doorbell in one thread', () => {
  const bell = () => new Doorbell(new SharedArrayBuffer(Doorbell.BYTES));

  test('sleep times out when nobody rings', () => {
    const b = bell();
    expect(b.sleep(b.prepareSleep(), 5)).toBe('timed-out');
  });

  test('a ring after prepareSleep() makes sleep return at once', () => {
    const b = bell();
    const ticket = b.prepareSleep();
    b.ring();
    expect(b.sleep(ticket)).toBe('not-equal');
  });

  test('a ring while nobody sleeps (or after cancelSleep) writes nothing', () => {
    const buffer = new SharedArrayBuffer(Doorbell.BYTES);
    const b = new Doorbell(buffer);
    b.ring();
    b.prepareSleep();
    b.cancelSleep();
    b.ring();
    expect(Array.from(new Int32Array(buffer))).toEqual(new Array(Doorbell.BYTES / 4).fill(0));
  });

  test('sleepAsync is woken by a later ring', async () => {
    const b = bell();
    const woken = b.sleepAsync(b.prepareSleep(), 5000);
    setTimeout(() => b.ring(), 10);
    await expect(woken).resolves.toBe('ok');
  });
});

describe('Doorbell across threads', () => {
  const PAIRS = 4; // 8 threads on 2 cores: every hand-off races a descheduled sleeper
  const ROUNDS = 5000;

  test(`${PAIRS} pairs x ${ROUNDS} rounds of ping-pong lose no wake-up`, async () => {
    // Per pair: two bells, then two balls on lines of their own.
    const pairBytes = 2 * Doorbell.BYTES + 2 * CACHE_LINE_BYTES;
    const buffer = new SharedArrayBuffer(PAIRS * pairBytes);
    const inputs = [];
    for (let p = 0; p < PAIRS; p++) {
      const base = p * pairBytes;
      const bells = [base, base + Doorbell.BYTES];
      const balls = [base + 2 * Doorbell.BYTES, base + 2 * Doorbell.BYTES + CACHE_LINE_BYTES];
      for (const side of [0, 1]) {
        inputs.push({
          buffer,
          myBellOffset: bells[side],
          partnerBellOffset: bells[1 - side],
          myBallOffset: balls[side],
          partnerBallOffset: balls[1 - side],
          serves: side === 0,
          rounds: ROUNDS,
        });
      }
    }
    await runWorkers('doorbell-pingpong.mjs', inputs);

    // Every ball made it back on the last round, and no sleeper announcement was left behind.
    for (let p = 0; p < PAIRS; p++) {
      const base = p * pairBytes;
      for (const side of [0, 1]) {
        expect(new Int32Array(buffer, base + 2 * Doorbell.BYTES + side * CACHE_LINE_BYTES, 1)[0]).toBe(ROUNDS);
        expect(new Int32Array(buffer, base + side * Doorbell.BYTES + CACHE_LINE_BYTES, 1)[0]).toBe(0);
      }
    }
  });
});
