import { CACHE_LINE_BYTES, Doorbell } from '../src/index.js';
import { runWorkers } from './helpers/workers.js';

describe('Doorbell in one thread', () => {
  const bell = () => new Doorbell(new SharedArrayBuffer(Doorbell.BYTES));

  test('sleep times out when nobody rings', () => {
    const b = bell();
    expect(b.sleep(b.read(), 5)).toBe('timed-out');
  });

  test('a ring after read() makes sleep return at once', () => {
    const b = bell();
    const seen = b.read();
    b.ring();
    expect(b.read()).toBe(seen + 1);
    expect(b.sleep(seen)).toBe('not-equal');
  });

  test('sleepAsync is woken by a later ring', async () => {
    const b = bell();
    const woken = b.sleepAsync(b.read(), 5000);
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

    // Every ball made it back on the last round, and every bell was rung once per round.
    for (let p = 0; p < PAIRS; p++) {
      const base = p * pairBytes;
      for (const side of [0, 1]) {
        expect(new Int32Array(buffer, base + 2 * Doorbell.BYTES + side * CACHE_LINE_BYTES, 1)[0]).toBe(ROUNDS);
        expect(new Doorbell(buffer, base + side * Doorbell.BYTES).read()).toBe(ROUNDS);
      }
    }
  });
});
