import { COLLECTIVE_ALGORITHMS } from 'threadmpi';
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
    expect(() => planSelection('allreduce_typo', {})).toThrow(/known: latency, bw, bibw, value_latency, barrier, .*, quick/);
  });
});

describe('planning collectives and one-sided benchmarks', () => {
  test('a collective runs the core\'s choice on 2 and 4 ranks, OSU sizes and iterations, unless told otherwise', () => {
    const [plan] = planSelection('allreduce', {});
    expect(plan!.ranks).toEqual([2, 4]);
    expect(plan!.variants).toEqual(['default']);
    expect(plan!.steps[0]).toEqual({ size: 8, iterations: 1000, warmup: 100 });
    expect(plan!.steps.at(-1)).toEqual({ size: MiB, iterations: 100, warmup: 10 });
  });

  test('--algo all is default plus every registered algorithm; names are checked', () => {
    const [plan] = planSelection('allreduce', { algorithms: 'all', ranks: [2, 3, 8] });
    expect(plan!.variants).toEqual(['default', ...COLLECTIVE_ALGORITHMS.allreduce]);
    expect(plan!.ranks).toEqual([2, 3, 8]);
    expect(planSelection('bcast', { algorithms: ['linear'] })[0]!.variants).toEqual(['linear']);
    expect(() => planSelection('bcast', { algorithms: ['ring'] })).toThrow(/unknown bcast algorithm "ring" for bcast \(known: default, /);
    expect(() => planSelection('latency', { algorithms: 'all' })).toThrow(/--algo applies to collective benchmarks, not latency/);
  });

  test('reductions start at one Float64 and take only whole elements', () => {
    expect(planSelection('reduce', { sizeRange: { min: 1, max: 32 } })[0]!.steps.map((s) => s.size)).toEqual([8, 16, 32]);
    expect(() => planSelection('allreduce', { sizeRange: { min: 12, max: 48 } })).toThrow(/multiples of 8 B, not 12/);
  });

  test('one-sided: flush by default, --sync all, -w reaches the rank function first', () => {
    const [plan] = planSelection('put_bw', { syncModes: 'all', windowCreation: 'create' });
    expect(plan!.variants).toEqual(['flush', 'lock', 'lock_all', 'fence', 'pscw']);
    expect(plan!.rankArgs).toEqual(['create', 64]);
    expect(planSelection('get_latency', {})[0]!.rankArgs).toEqual(['allocate']);
    expect(planSelection('get_latency', {})[0]!.variants).toEqual(['flush']);
    expect(() => planSelection('put_latency', { syncModes: ['flsh'] })).toThrow(/unknown synchronisation mode "flsh"/);
    expect(() => planSelection('allreduce', { syncModes: 'all' })).toThrow(/--sync applies to one-sided benchmarks/);
    expect(() => planSelection('latency', { windowCreation: 'create' })).toThrow(/-w applies to the one-sided benchmarks/);
  });

  test('single-size benchmarks refuse -m; suites ignore flags their members cannot use', () => {
    expect(planSelection('fop_latency', {})[0]!.steps.map((s) => s.size)).toEqual([4]);
    expect(() => planSelection('fop_latency', { sizeRange: { max: 8 } })).toThrow(/single message size/);
    const reference = planSelection('reference', { algorithms: ['linear'], sizeRange: { max: 64 } });
    expect(reference.find((plan) => plan.name === 'bcast')!.variants).toEqual(['linear']);
    expect(reference.find((plan) => plan.name === 'barrier')!.steps.map((s) => s.size)).toEqual([0]);
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
