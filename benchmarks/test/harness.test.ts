/** The hand-written comparison's arithmetic, the median helpers, paired ratios in tables, mpi4py detection. */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizePairs, trialStep } from '../src/baselines/handwritten.js';
import { markRoundTrip, MAX_STAMPS, roundTripStamps, roundTripsPerStamp, summarizeRoundTrips, timeRoundTrips } from '../src/measure/loops.js';
import { median, medianBy } from '../src/measure/stats.js';
import { detectMpi4py, MPI4PY_MISSING_MESSAGE } from '../src/native/mpi4py.js';
import type { NativeMpi } from '../src/native/detect.js';
import { counterpartColumn } from '../src/native/measure.js';
import { PT2PT_BENCHMARKS } from '../src/entries/pt2pt.js';
import { buildResult } from '../src/run/table.js';

test('median of odd and even counts; medianBy picks the middle element (the lower one of two)', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([])).toBeNaN();
  const trials = [{ us: 5 }, { us: 1 }, { us: 3 }, { us: 9 }];
  expect(medianBy(trials, (t) => t.us)).toEqual({ us: 3 });
  expect(medianBy(trials.slice(0, 3), (t) => t.us)).toEqual({ us: 3 });
  expect(medianBy([], (t: number) => t)).toBeUndefined();
});

describe('benchmark loop against the hand-written loop', () => {
  test('the ratio is the median of per-pair ratios, so one disturbed pair moves nothing', () => {
    // Pair 2 had its hand-written trial interrupted (50 us); pairs otherwise show a 2% harness cost.
    const figure = summarizePairs({ harnessUs: [1.02, 1.02, 2.04, 1.02, 1.02], handWrittenUs: [1, 50, 2, 1, 1] });
    expect(figure.ratio).toBeCloseTo(1.02, 10);
    expect(figure.value).toBe(1);
  });

  test('malformed reports are errors', () => {
    expect(() => summarizePairs(null)).toThrow(/hand-written latency reported null/);
    expect(() => summarizePairs({ harnessUs: [1], handWrittenUs: [] })).toThrow();
    expect(() => summarizePairs({ harnessUs: [1, 2], handWrittenUs: [1] })).toThrow();
    expect(() => summarizePairs({ harnessUs: [0], handWrittenUs: [1] })).toThrow();
  });

  test('the trials together run about the step\'s iterations, at least one each', () => {
    expect(trialStep({ size: 8, iterations: 10000, warmup: 100 }, 15)).toEqual({ size: 8, iterations: 667, warmup: 100 });
    expect(trialStep({ size: 8, iterations: 3, warmup: 0 }, 15)).toEqual({ size: 8, iterations: 1, warmup: 0 });
  });

  test('a paired ratio is the ratio column; a plain figure is divided', () => {
    const row = buildResult({
      benchmark: 'latency', title: 'latency', ranks: 2, variant: null, variantKind: null, collective: null, verified: false, metric: 'latency',
      timings: [{ size: 8, timing: { metric: 'latency', avgUs: 3, minUs: 1, maxUs: 5, iterations: 10 } }],
      comparisons: [
        { key: 'handwritten', label: 'hand-written', values: new Map([[8, 1]]), ratios: new Map([[8, 1.03]]) },
        { key: 'copy', label: 'copy', values: new Map([[8, 1.5]]) },
      ],
      notes: [], references: {}, problems: [], nativeVariant: null,
    }).rows[0]!;
    expect(row).toMatchObject({ handwritten_us: 1, vs_handwritten: 1.03, copy_us: 1.5, vs_copy: 2 });
  });
});

describe('mpi4py counterpart of value_latency', () => {
  const OPEN_MPI: NativeMpi = { mpicc: 'mpicc', mpirun: '/usr/bin/mpirun', flavor: 'openmpi', version: 'mpirun (Open MPI) 4.1.4' };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadmpi-bench-python-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const fakePython = async (name: string, script: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${script}\n`);
    await chmod(path, 0o755);
    return path;
  };

  test('value_latency is compared with mpi4py, in its own column', () => {
    const { native } = PT2PT_BENCHMARKS.value_latency;
    expect(native).toMatchObject({ runtime: 'mpi4py', program: 'value_latency' });
    expect(counterpartColumn(native)).toEqual({ key: 'mpi4py', label: 'mpi4py' });
    expect(counterpartColumn(PT2PT_BENCHMARKS.latency.native)).toEqual({ key: 'native', label: 'native' });
  });

  test('the first Python whose mpi4py uses the same MPI library wins; none: the install hint', async () => {
    const broken = await fakePython('broken', 'exit 1');
    const mpich = await fakePython('mpich', 'echo "MPICH Version: 4.0.2"');
    const openmpi = await fakePython('openmpi', 'echo "Open MPI v4.1.4, package: Debian OpenMPI"');
    expect(await detectMpi4py(OPEN_MPI, process.env, [broken, mpich, openmpi])).toEqual({
      found: true, python: openmpi, library: 'Open MPI v4.1.4, package: Debian OpenMPI',
    });
    expect(await detectMpi4py(OPEN_MPI, process.env, [broken])).toEqual({ found: false, message: MPI4PY_MISSING_MESSAGE });
    const mismatch = await detectMpi4py(OPEN_MPI, process.env, [mpich]);
    expect(mismatch).toMatchObject({ found: false, message: expect.stringContaining('is built on MPICH Version: 4.0.2, not on the MPI of /usr/bin/mpirun') });
    expect((await detectMpi4py({ ...OPEN_MPI, flavor: 'other' }, process.env, [openmpi, mpich])).found).toBe(true);
  });
});

describe('round-trip stamps', () => {
  test('every round trip up to MAX_STAMPS iterations, every k-th above', () => {
    expect(MAX_STAMPS).toBe(1000);
    expect([1, 999, 1000, 1999, 2000, 2500, 10000].map(roundTripsPerStamp)).toEqual([1, 1, 1, 1, 2, 2, 10]);
    expect(roundTripStamps({ size: 8, iterations: 10000, warmup: 100 })).toHaveLength(1001);
    expect(roundTripStamps({ size: 8, iterations: 2501, warmup: 0 })).toHaveLength(1252);
  });

  test('marking every completed round trip fills each stamp once, the last after the final round trip', () => {
    for (const step of [{ size: 8, iterations: 2501, warmup: 3 }, { size: 8, iterations: 20, warmup: 2 }]) {
      const stamps = roundTripStamps(step);
      for (let completed = 0; completed <= step.warmup + step.iterations; completed++) markRoundTrip(stamps, step, completed);
      expect(stamps.every((stamp) => stamp > 0)).toBe(true);
      for (let i = 1; i < stamps.length; i++) expect(stamps[i]).toBeGreaterThanOrEqual(stamps[i - 1]!);
    }
  });

  test('a trial standing for a longer measurement stamps as that measurement does', () => {
    const step = { size: 8, iterations: 30, warmup: 2 };
    expect(roundTripStamps(step, 10)).toHaveLength(4);
    let calls = 0;
    const timing = timeRoundTrips(step, () => void calls++, 2, 10);
    expect(calls).toBe(32);
    expect(timing.iterations).toBe(30);
    expect(timing.minUs).toBeLessThanOrEqual(timing.avgUs + 1e-9);
    expect(timing.maxUs).toBeGreaterThanOrEqual(timing.avgUs - 1e-9);
  });

  test('Min/Max per iteration of each block, the shorter last block by its own count; Avg over the span', () => {
    const step = { size: 8, iterations: 2501, warmup: 0 };
    // 1250 blocks of 2 round trips taking 4 us (1 us one-way each), then 1 round trip taking 6 us.
    const stamps = roundTripStamps(step);
    for (let j = 1; j < stamps.length - 1; j++) stamps[j] = stamps[j - 1]! + 4;
    stamps[stamps.length - 1] = stamps[stamps.length - 2]! + 6;
    const timing = summarizeRoundTrips(stamps, step);
    expect(timing).toMatchObject({ minUs: 1, maxUs: 3, iterations: 2501 });
    expect(timing.avgUs).toBeCloseTo((1250 * 4 + 6) / (2 * 2501), 12);
    // One-sided latency has one leg per iteration.
    expect(summarizeRoundTrips(stamps, step, 1).maxUs).toBe(6);
  });
});
