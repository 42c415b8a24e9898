import { COLLECTIVE_BENCHMARKS } from '../src/entries/collectives.js';
import { buildResult } from '../src/run/table.js';
import type { Timing } from '../src/measure/timing.js';

/** A benchmark without variants, collective figures or verification. */
const PLAIN = { variant: null, variantKind: null, collective: null, verified: false, nativeVariant: null } as const;

const latency = (avgUs: number): Timing => ({ metric: 'latency', avgUs, minUs: avgUs / 2, maxUs: avgUs * 2, iterations: 10 });

describe('result table', () => {
  test('latency rows carry OSU columns, then value and ratio per comparison', () => {
    const result = buildResult({
      benchmark: 'latency',
      title: 'OSU MPI Latency Test',
      ranks: 2,
      ...PLAIN,
      metric: 'latency',
      timings: [
        { size: 8, timing: latency(2) },
        { size: 16, timing: latency(3) },
      ],
      comparisons: [
        { key: 'postmessage', label: 'postMessage', values: new Map([[8, 10], [16, 12]]) },
        { key: 'native', label: 'native', values: new Map([[8, 0.5]]) },
      ],
      notes: ['first note'],
      references: {},
      problems: [],
    });
    expect(result.columns.map((column) => column.key)).toEqual([
      'size', 'avg_latency_us', 'min_latency_us', 'max_latency_us', 'iterations',
      'postmessage_us', 'vs_postmessage', 'native_us', 'vs_native',
    ]);
    expect(result.columns.map((column) => column.header).slice(0, 5)).toEqual([
      'Size', 'Avg Latency(us)', 'Min Latency(us)', 'Max Latency(us)', 'Iterations',
    ]);
    expect(result.rows).toEqual([
      { size: 8, avg_latency_us: 2, min_latency_us: 1, max_latency_us: 4, iterations: 10,
        postmessage_us: 10, vs_postmessage: 0.2, native_us: 0.5, vs_native: 4 },
      { size: 16, avg_latency_us: 3, min_latency_us: 1.5, max_latency_us: 6, iterations: 10,
        postmessage_us: 12, vs_postmessage: 0.25, native_us: null, vs_native: null },
    ]);
    expect(result.notes).toEqual(['first note', expect.stringMatching(/below 1 means threadmpi is faster/)]);
  });

  test('bandwidth rows compare MB/s, and no comparison means no ratio note', () => {
    const timing: Timing = { metric: 'bandwidth', mbPerSec: 500, iterations: 20 };
    const compared = buildResult({
      benchmark: 'bw', title: 'OSU MPI Bandwidth Test', ranks: 2, ...PLAIN, metric: 'bandwidth',
      timings: [{ size: 1024, timing }],
      comparisons: [{ key: 'copy', label: 'copy', values: new Map([[1024, 2000]]) }],
      notes: [], references: {}, problems: [],
    });
    expect(compared.columns.map((column) => column.header)).toEqual([
      'Size', 'Bandwidth (MB/s)', 'Iterations', 'copy(MB/s)', 'vs copy',
    ]);
    expect(compared.rows[0]).toEqual({ size: 1024, bandwidth_mbs: 500, iterations: 20, copy_mbs: 2000, vs_copy: 0.25 });
    expect(compared.notes).toEqual([expect.stringMatching(/above 1 means threadmpi is faster/)]);

    const alone = buildResult({
      benchmark: 'bw', title: 'OSU MPI Bandwidth Test', ranks: 2, ...PLAIN, metric: 'bandwidth',
      timings: [{ size: 1024, timing }], comparisons: [], notes: [], references: {}, problems: [],
    });
    expect(alone.notes).toEqual([]);
  });
});

describe('collective results', () => {
  const shape = COLLECTIVE_BENCHMARKS.allgather.collective;
  const build = (timing: Timing | null) =>
    buildResult({
      benchmark: 'allgather', title: 'OSU MPI Allgather Latency Test', ranks: 4, variant: 'ring', variantKind: 'algorithm',
      collective: shape, verified: true, metric: 'latency', timings: [{ size: 1000, timing }],
      comparisons: [], notes: [], references: {}, problems: [], nativeVariant: null,
    });

  test('the median batch after OSU\'s columns; nccl-tests bandwidths count every rank\'s block; busbw = algbw x (n-1)/n', () => {
    const result = build({ metric: 'latency', avgUs: 2, minUs: 1, maxUs: 4, iterations: 10, medianBatchUs: 1.5, wrong: 0 });
    expect(result.columns.map((column) => column.key).slice(5)).toEqual(['median_batch_us', 'algbw_gbs', 'busbw_gbs', 'wrong']);
    expect(result.columns[5]!.header).toBe('Median Batch(us)');
    // nccl-tests' bandwidths are from the average time, as nccl-tests computes them.
    expect(result.rows[0]).toMatchObject({ median_batch_us: 1.5, nccl_bytes: 4000, algbw_gbs: 2, busbw_gbs: 1.5, wrong: 0 });
    expect(result.problems).toEqual([]);
  });

  test('wrong elements and failed runs become problems, with empty figures for the failure', () => {
    expect(build({ ...latency(2), wrong: 3 }).problems).toEqual(['size 1000: 3 element(s) differ from the expected result']);
    const failed = build(null);
    expect(failed.rows[0]).toMatchObject({ size: 1000, avg_latency_us: null, median_batch_us: null, algbw_gbs: null, wrong: null });
  });
});
