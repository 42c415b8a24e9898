import { availableParallelism } from 'node:os';
import { Backoff, OVERSUBSCRIBED_SPIN_US, SPIN_US } from '../src/index.js';

/** A clock that moves only when told to: the spin decisions become a pure function of the polls. */
class FakeClock {
  ms = 1000;
  readonly now = (): number => this.ms;
}

/**
 * One wait as a waiter runs it: poll `pollsBeforeSuccess` times (each poll advancing the clock by
 * `usPerPoll`), or until the backoff says park. Returns whether it parked.
 */
function waitOnce(b: Backoff, clock: FakeClock, pollsBeforeSuccess: number, usPerPoll = 1): boolean {
  b.reset();
  for (let i = 0; i < pollsBeforeSuccess; i++) {
    clock.ms += usPerPoll / 1000;
    if (b.shouldPark()) return true;
  }
  return false;
}

const CORES = availableParallelism();

describe('Backoff', () => {
  test('spins at most maxUs, then parks', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 50, now: clock.now, adaptive: false });
    b.reset();
    let polls = 0;
    while (!b.shouldPark()) {
      clock.ms += 0.001;
      polls++;
    }
    // 32 free polls, then 50 us at 1 us per poll, checked every 16 polls.
    expect(polls).toBeGreaterThanOrEqual(31 + 50);
    expect(polls).toBeLessThanOrEqual(31 + 50 + 16);
  });

  test('spinUs 0 parks at the first failed poll', () => {
    const b = new Backoff({ spinUs: 0 });
    b.reset();
    expect(b.shouldPark()).toBe(true);
  });

  test('defaults: the full budget when the threads fit, the free polls when they outnumber the cores', () => {
    expect(new Backoff({ threads: 1 }).budgetUs).toBe(SPIN_US);
    const over = new Backoff({ threads: CORES + 1 });
    expect(over.maxUs).toBe(OVERSUBSCRIBED_SPIN_US);
    expect(over.budgetUs).toBe(0);
  });

  test('waits that park shrink the budget to the free polls', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    const budgets: number[] = [];
    for (let i = 0; i < 10; i++) {
      expect(waitOnce(b, clock, 1_000_000)).toBe(true);
      b.reset();
      budgets.push(b.budgetUs);
    }
    expect(budgets.slice(0, 4)).toEqual([100, 50, 25, 12.5]);
    expect(budgets[9]).toBe(0);
  });

  test('a shrunk budget makes waits park after the free polls, without reading the clock', () => {
    const clock = new FakeClock();
    let reads = 0;
    const b = new Backoff({ spinUs: 100, now: () => (reads++, clock.now()) });
    for (let i = 0; i < 10; i++) waitOnce(b, clock, 1_000_000);
    b.reset();
    reads = 0;
    let polls = 0;
    while (!b.shouldPark()) {
      clock.ms += 0.001;
      polls++;
    }
    // The free polls alone, without reading the clock.
    expect(polls).toBe(31);
    b.reset();
    expect(reads).toBe(0);
  });

  test('waits satisfied while spinning grow the budget back', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    for (let i = 0; i < 10; i++) waitOnce(b, clock, 1_000_000);
    b.reset();
    expect(b.budgetUs).toBe(0);
    // Short waits (fewer polls than the free ones) succeed even with no budget: each doubles it.
    for (let i = 0; i < 8; i++) expect(waitOnce(b, clock, 10)).toBe(false);
    b.reset();
    expect(b.budgetUs).toBe(100);
  });

  test('a success grows the budget to at least twice what the wait took', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    waitOnce(b, clock, 1_000_000);
    waitOnce(b, clock, 1_000_000);
    waitOnce(b, clock, 1_000_000);
    b.reset();
    expect(b.budgetUs).toBe(25);
    // 32 free polls, then 20 us more at 1 us per poll: within the 25 us budget.
    expect(waitOnce(b, clock, 52)).toBe(false);
    b.reset();
    expect(b.budgetUs).toBe(50);
  });

  test('a single failed spin between paying ones leaves the budget alone', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    for (let i = 0; i < 50; i++) {
      waitOnce(b, clock, 5);
      waitOnce(b, clock, 1_000_000);
      b.reset();
      expect(b.budgetUs).toBe(100);
    }
  });

  test('mostly-paying spins keep the budget near the maximum', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    for (let i = 0; i < 200; i++) waitOnce(b, clock, i % 4 === 3 ? 1_000_000 : 5);
    b.reset();
    expect(b.budgetUs).toBeGreaterThanOrEqual(50);
  });

  test('probes spin the full budget now and then, and a paying probe restores it', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    for (let i = 0; i < 10; i++) waitOnce(b, clock, 1_000_000);
    // Waits of 60 us: they fail at a small budget, but a probe (full 100 us) meets one.
    let succeeded = -1;
    for (let i = 0; i < 64 && succeeded < 0; i++) {
      if (!waitOnce(b, clock, 32 + 60)) succeeded = i;
    }
    expect(succeeded).toBeGreaterThanOrEqual(0);
    b.reset();
    expect(b.budgetUs).toBeGreaterThanOrEqual(100);
  });

  test('failed probes space out: spinning where it never pays costs little', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    let spunUs = 0;
    const waits = 4000;
    for (let i = 0; i < waits; i++) {
      const before = clock.ms;
      waitOnce(b, clock, 1_000_000);
      spunUs += (clock.ms - before) * 1000;
    }
    // Without adaptation every wait would spin 32 + 100 polls; here most spin the free polls only.
    expect(spunUs / waits).toBeLessThan(32 + 5);
  });

  test('however long probes kept failing, one comes at least every 32 waits', () => {
    // A pair of ranks parking at every hand-off gets out only through a probe that meets the partner.
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    for (let i = 0; i < 4000; i++) waitOnce(b, clock, 1_000_000);
    let probes = 0;
    for (let i = 0; i < 64; i++) {
      const before = clock.ms;
      waitOnce(b, clock, 1_000_000);
      if ((clock.ms - before) * 1000 >= 100) probes++;
    }
    expect(probes).toBeGreaterThanOrEqual(2);
  });

  test('not adaptive: the budget never moves', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 40, now: clock.now, adaptive: false });
    for (let i = 0; i < 20; i++) waitOnce(b, clock, 1_000_000);
    b.reset();
    expect(b.budgetUs).toBe(40);
  });

  test('a reset without polls in between books nothing', () => {
    const clock = new FakeClock();
    const b = new Backoff({ spinUs: 100, now: clock.now });
    waitOnce(b, clock, 1_000_000);
    b.reset();
    const after = b.budgetUs;
    for (let i = 0; i < 5; i++) b.reset();
    expect(b.budgetUs).toBe(after);
  });
});
