/** A fixed report: one latency result with a postMessage comparison, one bandwidth result without. */
import { COLLECTIVE_BENCHMARKS } from '../src/entries/collectives.js';
import type { BenchReport } from '../src/report.js';
import { buildResult } from '../src/run/table.js';

export const FIXED_REPORT: BenchReport = {
  tool: 'threadmpi-bench',
  version: '0.1.0',
  machine: {
    cpus: 2,
    cpuModel: 'Test CPU, 3.0GHz',
    totalMemoryBytes: 1024,
    platform: 'linux',
    arch: 'x64',
    node: 'v20.0.0',
    threadmpi: '0.1.0',
    nativeMpi: null,
    date: '2025-01-02T03:04:05.000Z',
  },
  results: [
    {
      benchmark: 'latency',
      title: 'OSU MPI Latency Test',
      ranks: 2,
      variant: null,
      variantKind: null,
      collective: null,
      metric: 'latency',
      columns: [
        { key: 'size', header: 'Size', decimals: 0 },
        { key: 'avg_latency_us', header: 'Avg Latency(us)', decimals: 2 },
        { key: 'iterations', header: 'Iterations', decimals: 0 },
        { key: 'postmessage_us', header: 'postMessage(us)', decimals: 2 },
        { key: 'vs_postmessage', header: 'vs postMessage', decimals: 2 },
      ],
      rows: [
        { size: 8, avg_latency_us: 1.234, iterations: 100, postmessage_us: 12.5, vs_postmessage: 0.09872 },
        { size: 4096, avg_latency_us: 2.5, iterations: 100, postmessage_us: null, vs_postmessage: null },
      ],
      notes: ['native MPI not found (install openmpi-bin libopenmpi-dev); skipping'],
      references: { sab_spin_8b_us: 0.1 },
      problems: [],
      nativeVariant: null,
      checks: null,
    },
    {
      benchmark: 'bw',
      title: 'OSU MPI Bandwidth Test',
      ranks: 2,
      variant: null,
      variantKind: null,
      collective: null,
      metric: 'bandwidth',
      columns: [
        { key: 'size', header: 'Size', decimals: 0 },
        { key: 'bandwidth_mbs', header: 'Bandwidth (MB/s)', decimals: 2 },
        { key: 'iterations', header: 'Iterations', decimals: 0 },
      ],
      rows: [{ size: 1, bandwidth_mbs: 3.14159, iterations: 20 }],
      notes: [],
      references: {},
      problems: [],
      nativeVariant: null,
      checks: null,
    },
  ],
};

/**
 * A report as an `allreduce --algo all -n 2,4 --compare-mpi` plus `fop_latency --sync all` sweep
 * would make it, with made-up figures: `ring` wins above 1 KiB, `linear` below, and `default` is
 * 20% slower than the best at 8 B on 4 ranks.
 */
export function sweepReport(): BenchReport {
  const sizes = [8, 64, 1024, 65536];
  const native = new Map(sizes.map((size) => [size, 1 + size / 1000]));
  const figure = (variant: string, ranks: number, size: number): number => {
    const linear = ranks * (2 + size / 500);
    const ring = ranks * (4 + size / 2000);
    if (variant === 'linear') return linear;
    if (variant === 'ring') return ring;
    return Math.min(linear, ring) * (ranks === 4 && size === 8 ? 1.2 : 1);
  };
  // The median batch, what algorithms are compared on, is the figure itself; OSU's average a stall above it.
  const latency = (figure: number) => ({
    metric: 'latency' as const, avgUs: figure * 1.5, minUs: figure * 1.4, maxUs: figure * 1.6, iterations: 100, medianBatchUs: figure, wrong: 0,
  });
  const allreduce = COLLECTIVE_BENCHMARKS.allreduce;
  const collective = [2, 4].flatMap((ranks) =>
    ['default', 'linear', 'ring'].map((variant) =>
      buildResult({
        benchmark: 'allreduce', title: allreduce.title, ranks, variant, variantKind: 'algorithm',
        collective: allreduce.collective, verified: true, metric: 'latency',
        timings: sizes.map((size) => ({ size, timing: latency(figure(variant, ranks, size)) })),
        comparisons: [{ key: 'native', label: 'native', values: native }],
        notes: [], references: {}, problems: [], nativeVariant: null,
      }),
    ),
  );
  const fop = ['flush', 'fence'].map((variant) =>
    buildResult({
      benchmark: 'fop_latency', title: 'OSU MPI_Fetch_and_op latency Test', ranks: 2, variant, variantKind: 'sync',
      collective: null, verified: true, metric: 'latency',
      timings: [{ size: 4, timing: latency(variant === 'flush' ? 0.5 : 2) }],
      comparisons: [{ key: 'native', label: 'native', values: new Map([[4, variant === 'flush' ? 0.3 : 1]]) }],
      notes: [], references: {}, problems: [], nativeVariant: variant,
    }),
  );
  return { ...FIXED_REPORT, results: [...FIXED_REPORT.results, ...collective, ...fop] };
}
