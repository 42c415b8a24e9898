/**
 * How a collective's variants are compared: the interleaved schedule of a job and that every rank
 * follows it, the median batch from synthetic timings, and the default-against-best comparison
 * made on the median rather than OSU's average. Run `pnpm run build` first (the rank test runs dist/).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bestAlgorithms } from '../src/analysis/best.js';
import { checkTargets } from '../src/analysis/targets.js';
import { COLLECTIVE_BENCHMARKS } from '../src/entries/collectives.js';
import { summarizeBatches } from '../src/measure/batches.js';
import { batchSizes, interleavedSchedule, roundOrder } from '../src/measure/interleave.js';
import type { LatencyTiming } from '../src/measure/timing.js';
import { planSelection } from '../src/plan.js';
import { SILENT_PROGRESS } from '../src/progress.js';
import type { BenchReport } from '../src/report.js';
import { countUnits } from '../src/run/runner.js';
import { buildResult } from '../src/run/table.js';
import { jobGroups } from '../src/run/threadmpi.js';
import { FIXED_REPORT } from './fixtures.js';

const execFileAsync = promisify(execFile);
const CHECK = fileURLToPath(new URL('./workers/interleave-check.mjs', import.meta.url));

describe('interleaved schedule', () => {
  test('about 20 batches of 5 to 50 calls per variant; the last batch takes the remainder', () => {
    expect(batchSizes(1000)).toEqual(Array(20).fill(50));
    expect(batchSizes(500)).toEqual(Array(20).fill(25));
    expect(batchSizes(100)).toEqual(Array(20).fill(5));
    expect(batchSizes(10000)).toEqual(Array(200).fill(50));
    expect(batchSizes(1005)).toEqual([...Array(20).fill(50), 5]);
    expect(batchSizes(12)).toEqual([5, 5, 2]);
    expect(batchSizes(3)).toEqual([3]);
  });

  test('rounds of one batch of each variant, the order rotated by one each round', () => {
    const schedule = interleavedSchedule(3, 20);
    expect(schedule.map((batch) => batch.variant)).toEqual([0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 2]);
    expect(schedule.every((batch) => batch.calls === 5)).toBe(true);
  });

  test('over as many rounds as variants each variant holds every position once; each makes all its calls', () => {
    for (const variants of [1, 2, 5, 8]) {
      const rounds = Array.from({ length: variants }, (_, round) => roundOrder(variants, round));
      for (let position = 0; position < variants; position++) {
        expect(new Set(rounds.map((order) => order[position])).size).toBe(variants);
      }
      const schedule = interleavedSchedule(variants, 1005);
      for (let v = 0; v < variants; v++) {
        expect(schedule.filter((batch) => batch.variant === v).reduce((sum, batch) => sum + batch.calls, 0)).toBe(1005);
      }
    }
  });

  test('every rank forces each batch\'s algorithm, in the schedule\'s order, after each variant\'s untimed start, then each OSU loop\'s', async () => {
    const step = { size: 16384, iterations: 30, warmup: 2, variants: ['default', 'ring', 'linear'] };
    const { stdout } = await execFileAsync(process.execPath, [CHECK, JSON.stringify(step)]);
    const reports = JSON.parse(stdout) as Array<{ forced: string[]; timings: LatencyTiming[] | null }>;
    // 16 KiB is above the JIT warm-up's limit: each variant makes OSU's skip only, then the rounds,
    // then each variant's OSU loop.
    const expected = [
      ...step.variants.flatMap((variant) => Array<string>(step.warmup).fill(variant)),
      ...interleavedSchedule(step.variants.length, step.iterations).flatMap(({ variant, calls }) => Array<string>(calls).fill(step.variants[variant]!)),
      ...step.variants.flatMap((variant) => Array<string>(step.iterations).fill(variant)),
    ];
    for (const { forced } of reports) expect(forced).toEqual(expected);
    const [root, other] = reports;
    expect(other!.timings).toBeNull();
    expect(root!.timings).toHaveLength(step.variants.length);
    for (const timing of root!.timings!) {
      expect(timing).toMatchObject({ metric: 'latency', iterations: 30, wrong: 0 });
      expect(timing.medianBatchUs).toBeGreaterThan(0);
    }
  });
});

describe('median batch', () => {
  test('the median over batches of the time per call, mean over ranks; OSU\'s figures over its loop', () => {
    // Two ranks, batches of 10, 10, 10 and 5 calls; rank 1's second batch hit a 1 ms stall.
    const calls = [10, 10, 10, 5];
    const batchUs = [[10, 12, 11, 5], [10, 1012, 11, 5]];
    // OSU's loops of 35 calls; rank 1's hit a 1 ms stall too.
    const timing = summarizeBatches([38, 1038], 35, batchUs, calls, 3);
    // Per call, mean over ranks: 1, 51.2, 1.1, 1; the median of four is the mean of the middle two.
    expect(timing.medianBatchUs).toBeCloseTo(1.05, 12);
    // OSU: each rank's time over its loop, then the mean, min and max over ranks; the stall counts in full.
    expect(timing.avgUs).toBeCloseTo((38 / 35 + 1038 / 35) / 2, 12);
    expect(timing.minUs).toBeCloseTo(38 / 35, 12);
    expect(timing.maxUs).toBeCloseTo(1038 / 35, 12);
    expect(timing).toMatchObject({ metric: 'latency', iterations: 35, wrong: 3 });
  });
});

describe('default against the best algorithm', () => {
  const allreduce = COLLECTIVE_BENCHMARKS.allreduce;
  const result = (variant: string, avgUs: number, medianBatchUs?: number, chosen?: string) =>
    buildResult({
      benchmark: 'allreduce', title: allreduce.title, ranks: 2, variant, variantKind: 'algorithm', collective: allreduce.collective,
      verified: true, metric: 'latency',
      timings: [{ size: 8, timing: { metric: 'latency', avgUs, minUs: avgUs, maxUs: avgUs, iterations: 100, medianBatchUs, wrong: 0 } }],
      comparisons: [], notes: [], references: {}, problems: [], nativeVariant: null, chosen: chosen === undefined ? undefined : { 8: chosen },
    });
  // ring's average carries a stall its median does not; by averages linear would win and default look best.
  const report: BenchReport = { ...FIXED_REPORT, results: [result('default', 6, 5), result('ring', 50, 4), result('linear', 5.5, 6)] };

  test('the best algorithm is the one with the lowest median batch, not the lowest average', () => {
    expect(bestAlgorithms(report.results, 'allreduce')).toEqual([
      { ranks: 2, size: 8, algorithm: 'ring', bestUs: 4, defaultUs: 5, chosen: null, selectionUs: 5 },
    ]);
  });

  test('the selection is judged by the algorithm it ran, on that algorithm\'s own median', () => {
    // default ran linear: 1.5x ring, whatever the default variant's own batches measured.
    const choseLinear: BenchReport = { ...FIXED_REPORT, results: [result('default', 6, 3, 'linear'), result('ring', 50, 4), result('linear', 5.5, 6)] };
    expect(bestAlgorithms(choseLinear.results, 'allreduce')[0]).toMatchObject({ algorithm: 'ring', chosen: 'linear', defaultUs: 3, selectionUs: 6 });
    const linearCheck = checkTargets(choseLinear).find((c) => c.target.startsWith('default selection'))!;
    expect(linearCheck.measured).toBe('worst: allreduce np=2 8 B, default runs linear 6.00 us / ring 4.00 us (median batch)');
    expect(linearCheck.ratio).toBeCloseTo(1.5, 12);
    // default ran ring, the fastest: met, although its own batches were slower than ring's.
    const choseRing: BenchReport = { ...FIXED_REPORT, results: [result('default', 6, 5, 'ring'), result('ring', 50, 4), result('linear', 5.5, 6)] };
    const ringCheck = checkTargets(choseRing).find((c) => c.target.startsWith('default selection'))!;
    expect(ringCheck.ratio).toBe(1);
    expect(ringCheck.met).toBe(true);
  });

  test('the issue 3 target compares medians and says so', () => {
    const check = checkTargets(report).find((c) => c.target.startsWith('default selection'))!;
    expect(check.target).toContain('(median batch latency, variants interleaved)');
    expect(check.measured).toBe('worst: allreduce np=2 8 B, default 5.00 us / ring 4.00 us (median batch)');
    expect(check.ratio).toBeCloseTo(1.25, 12);
    expect(check.met).toBe(false);
  });

  test('results without a median (saved before interleaving) are not compared on their averages instead', () => {
    const old: BenchReport = { ...FIXED_REPORT, results: [result('default', 6), result('ring', 50), result('linear', 5.5)] };
    expect(bestAlgorithms(old.results, 'allreduce')).toEqual([]);
    expect(checkTargets(old).find((c) => c.target.startsWith('default selection'))).toMatchObject({ measured: 'not measured', met: null });
  });
});

describe('jobs', () => {
  const context = { baselines: false, native: null, progress: SILENT_PROGRESS };

  test('a collective runs all its variants in one job per (ranks, size); other benchmarks one job per variant', () => {
    const [allreduce] = planSelection('allreduce', { ranks: [2, 4], sizeRange: { max: 16 }, algorithms: 'all' });
    expect(jobGroups(allreduce!)).toEqual([allreduce!.variants.map((_, i) => i)]);
    expect(countUnits([allreduce!], context)).toBe(2 * 2);
    const [put] = planSelection('put_latency', { sizeRange: { max: 16 }, syncModes: 'all' });
    expect(jobGroups(put!)).toEqual(put!.variants.map((_, i) => [i]));
    expect(countUnits([put!], context)).toBe(put!.variants.length * put!.steps.length);
  });
});
