/**
 * The performance targets of the issues (#3 collectives, #4 one-sided, #6 the benchmark itself), each
 * checked as a ratio of two figures measured in the same run. A target whose figures the report does
 * not hold is listed as not measured, never as met.
 */
import { DEFAULT_ALGORITHM } from '../ranks/collective-timing.js';
import type { BenchReport } from '../report.js';
import { bestAlgorithms } from './best.js';
import { figure, type Where } from './lookup.js';

export interface TargetCheck {
  readonly target: string;
  /** What was compared, e.g. `threadmpi 0.52 us / native 0.36 us`. */
  readonly measured: string;
  readonly ratio: number | null;
  /** null: not measured. */
  readonly met: boolean | null;
}

const KiB = 1024;
const MiB = 1024 * KiB;

function us(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(2)} us`;
}

/** threadmpi latency (default algorithm or given variant) / native latency, against `limit`. */
function versusNative(report: BenchReport, target: string, where: Where, limit: number): TargetCheck {
  const own = figure(report, where, 'avg_latency_us');
  const native = figure(report, where, 'native_us');
  if (own === null || native === null) return { target, measured: 'not measured', ratio: null, met: null };
  const ratio = own / native;
  return { target, measured: `threadmpi ${us(own)} / native ${us(native)}`, ratio, met: ratio <= limit };
}

function putBandwidthVersusCopy(report: BenchReport): TargetCheck {
  const target = '4 MiB put bandwidth (flush) at least 0.8x one memory copy';
  const where = { benchmark: 'put_bw', variant: 'flush', size: 4 * MiB };
  const own = figure(report, where, 'bandwidth_mbs');
  const copy = figure(report, where, 'copy_mbs');
  if (own === null || copy === null) return { target, measured: 'not measured', ratio: null, met: null };
  const ratio = own / copy;
  return { target, measured: `threadmpi ${own.toFixed(0)} MB/s / copy ${copy.toFixed(0)} MB/s`, ratio, met: ratio >= 0.8 };
}

/** The worst point over every collective that measured `default` and other algorithms. */
function defaultVersusBest(report: BenchReport): TargetCheck {
  const target = 'default selection at most 10% slower than the best algorithm, at every measured point';
  const benchmarks = [...new Set(report.results.filter((r) => r.variant === DEFAULT_ALGORITHM).map((r) => r.benchmark))];
  let worst: { ratio: number; text: string } | null = null;
  for (const benchmark of benchmarks) {
    for (const cell of bestAlgorithms(report.results, benchmark)) {
      if (cell.defaultUs === null) continue;
      const ratio = cell.defaultUs / cell.avgUs;
      if (worst === null || ratio > worst.ratio) {
        worst = { ratio, text: `worst: ${benchmark} np=${cell.ranks} ${cell.size} B, default ${us(cell.defaultUs)} / ${cell.algorithm} ${us(cell.avgUs)}` };
      }
    }
  }
  if (worst === null) return { target, measured: 'not measured', ratio: null, met: null };
  return { target, measured: worst.text, ratio: worst.ratio, met: worst.ratio <= 1.1 };
}

/** The shared timing loop against the same ping-pong written by hand: the median ratio over sizes. */
function harnessOverhead(report: BenchReport): TargetCheck {
  const target = 'benchmark overhead: latency loop within 5% of a hand-written loop (median over sizes)';
  const rows = report.results.find((r) => r.benchmark === 'latency')?.rows ?? [];
  const ratios = rows.map((row) => row.vs_handwritten).filter((r): r is number => typeof r === 'number').sort((a, b) => a - b);
  if (ratios.length === 0) return { target, measured: 'not measured', ratio: null, met: null };
  const median = ratios[Math.floor(ratios.length / 2)]!;
  return { target, measured: `${ratios.length} sizes, ratios ${ratios[0]!.toFixed(2)} to ${ratios.at(-1)!.toFixed(2)}`, ratio: median, met: Math.abs(median - 1) <= 0.05 };
}

export function checkTargets(report: BenchReport): TargetCheck[] {
  const allreduce = (ranks: number, size: number): Where => ({ benchmark: 'allreduce', ranks, variant: DEFAULT_ALGORITHM, size });
  return [
    versusNative(report, 'Allreduce Float64 SUM, 2 ranks, 8 B: within 2x of native MPI', allreduce(2, 8), 2),
    versusNative(report, 'Allreduce Float64 SUM, 2 ranks, 1 MiB: no slower than native MPI', allreduce(2, MiB), 1),
    versusNative(report, 'Allreduce Float64 SUM, 8 ranks (4x oversubscribed), 8 B: no slower than native MPI', allreduce(8, 8), 1),
    versusNative(report, 'Allreduce Float64 SUM, 8 ranks (4x oversubscribed), 1 MiB: at most 0.7x native MPI', allreduce(8, MiB), 0.7),
    defaultVersusBest(report),
    versusNative(report, '8 B put + flush under a lock: within 2x of native MPI', { benchmark: 'put_latency', variant: 'flush', size: 8 }, 2),
    putBandwidthVersusCopy(report),
    versusNative(report, 'Fetch_and_op (flush): within 2x of native MPI', { benchmark: 'fop_latency', variant: 'flush', size: 4 }, 2),
    harnessOverhead(report),
  ];
}
