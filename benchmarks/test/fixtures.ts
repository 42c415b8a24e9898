/** A fixed report: one latency result with a postMessage comparison, one bandwidth result without. */
import type { BenchReport } from '../src/report.js';

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
    },
  ],
};
