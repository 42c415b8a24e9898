import { SIZED_BASELINES } from '../src/baselines/catalog.js';
import { UsageError } from '../src/errors.js';
import { planSelection } from '../src/plan.js';
import { BENCHMARKS, SUITES, registryListing } from '../src/registry.js';

const MiB = 1024 * 1024;

describe('planning', () => {
  test('latency defaults to the OSU ladder and iteration counts', () => {
    const [plan] = planSelection('latency', {});
    const sizes = plan!.steps.map((step) => step.size);
    expect(sizes[0]).toBe(0);
    expect(sizes[1]).toBe(1);
    expect(sizes.at(-1)).toBe(4 * MiB);
    expect(sizes).toHaveLength(24);
    expect(plan!.steps.find((s) => s.size === 8192)).toEqual({ size: 8192, iterations: 10000, warmup: 100 });
    expect(plan!.steps.find((s) => s.size === 16384)).toEqual({ size: 16384, iterations: 1000, warmup: 10 });
    expect(plan!.ranks).toEqual([2]);
  });

  test('-m without MIN keeps the benchmark minimum; -i and -x apply to every size', () => {
    const [plan] = planSelection('bw', { sizeRange: { max: 16 }, iterations: 7, warmup: 0 });
    expect(plan!.steps).toEqual([1, 2, 4, 8, 16].map((size) => ({ size, iterations: 7, warmup: 0 })));
  });

  test('a range below the benchmark minimum is a usage error', () => {
    expect(() => planSelection('bw', { sizeRange: { max: 0 } })).toThrow(UsageError);
  });

  test('point-to-point benchmarks refuse rank counts other than 2', () => {
    expect(() => planSelection('latency', { ranks: [2, 4] })).toThrow(/latency runs on exactly 2 ranks, not 4/);
  });

  test('quick runs latency at its four sizes and value latency, with few iterations', () => {
    const plans = planSelection('quick', {});
    expect(plans.map((plan) => plan.name)).toEqual(['latency', 'value_latency']);
    expect(plans[0]!.steps.map((step) => step.size)).toEqual([8, 4096, 65536, 4 * MiB]);
    expect(Math.max(...plans.flatMap((plan) => plan.steps.map((step) => step.iterations)))).toBeLessThanOrEqual(1000);
  });

  test('unknown names are usage errors listing what exists', () => {
    expect(() => planSelection('allreduce_typo', {})).toThrow(/known: latency, bw, bibw, value_latency, quick/);
  });
});

describe('registry', () => {
  test('every baseline an entry asks for can be compared on its metric', () => {
    for (const [name, entry] of Object.entries(BENCHMARKS)) {
      for (const baseline of entry.baselines) {
        expect({ name, baseline, ok: (SIZED_BASELINES[baseline].metrics as readonly string[]).includes(entry.metric) })
          .toEqual({ name, baseline, ok: true });
      }
    }
  });

  test('suites only name registered benchmarks, and the listing covers both', () => {
    for (const suite of Object.values(SUITES)) {
      for (const member of suite.members) expect(Object.keys(BENCHMARKS)).toContain(member.benchmark);
    }
    expect(registryListing().map((item) => item.name)).toEqual([...Object.keys(BENCHMARKS), ...Object.keys(SUITES)]);
  });
});
