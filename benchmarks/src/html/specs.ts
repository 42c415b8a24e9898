/**
 * What the HTML report draws, computed from a report on the Node side so the page script only
 * renders (and these specs can be tested without a browser):
 *   - a line chart per (benchmark, rank count): latency or bandwidth against size, on log axes, one
 *     series per variant (algorithm or synchronisation mode) and per implementation (native MPI,
 *     baselines);
 *   - a bar chart per single-size benchmark (barrier, fop, cas): one group per rank count;
 *   - a heat map per collective that compared algorithms: the best algorithm per (ranks, size), and
 *     how much slower the core's default choice was there, on the median batch (analysis/best.ts).
 */
import { bestAlgorithms, COMPARED_ON, comparedCollectives } from '../analysis/best.js';
import type { BenchmarkResult, BenchReport } from '../report.js';

export type SeriesKind = 'threadmpi' | 'native' | 'baseline';

export interface Series {
  readonly label: string;
  readonly kind: SeriesKind;
  /** Colour key: the variant, or the comparison. */
  readonly key: string;
  /** [size, value]; sizes of 0 are left out (a log axis has no 0). */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface LineChartSpec {
  readonly type: 'line';
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
}

export interface BarChartSpec {
  readonly type: 'bar';
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly groups: readonly string[];
  readonly series: ReadonlyArray<{ readonly label: string; readonly kind: SeriesKind; readonly key: string; readonly values: ReadonlyArray<number | null> }>;
}

export interface HeatMapSpec {
  readonly type: 'heatmap';
  readonly id: string;
  readonly title: string;
  readonly sizes: readonly number[];
  readonly ranks: readonly number[];
  readonly algorithms: readonly string[];
  readonly cells: ReadonlyArray<{
    readonly size: number;
    readonly ranks: number;
    readonly algorithm: string;
    /** The best algorithm's median batch latency (analysis/best.ts). */
    readonly bestUs: number;
    /** default latency / best latency (median batch), or null when `default` was not measured. */
    readonly defaultRatio: number | null;
  }>;
}

export type ChartSpec = LineChartSpec | BarChartSpec | HeatMapSpec;

export interface Section {
  readonly benchmark: string;
  readonly title: string;
  readonly charts: readonly ChartSpec[];
}

const Y_LABELS = { latency: 'latency (us)', bandwidth: 'bandwidth (MB/s)' } as const;
const PRIMARY = { latency: 'avg_latency_us', bandwidth: 'bandwidth_mbs' } as const;

function variantLabel(result: BenchmarkResult): string {
  const checks = result.checks === null ? '' : ` checks ${result.checks}`;
  return `${result.variant === null ? 'threadmpi' : `threadmpi ${result.variant}`}${checks}`;
}

/** Colour key of a threadmpi series: the variant, and which side of a checks comparison. */
function variantKey(result: BenchmarkResult): string {
  return `${result.variant ?? 'threadmpi'}${result.checks === null ? '' : ` checks ${result.checks}`}`;
}

function primary(result: BenchmarkResult, row: BenchmarkResult['rows'][number]): number | null {
  const value = row[PRIMARY[result.metric]];
  return value === null || value === undefined || (row.wrong ?? 0) > 0 ? null : value;
}

/** The comparisons of a result: each `vs_<key>` ratio column has its `<key>_us` (or `_mbs`) value column. */
function comparisonSeries(result: BenchmarkResult): Series[] {
  const unit = result.metric === 'latency' ? '_us' : '_mbs';
  const byKey = new Map(result.columns.map((column) => [column.key, column]));
  return result.columns
    .filter((column) => column.key.startsWith('vs_'))
    .flatMap((ratio): Series[] => {
      const key = ratio.key.slice('vs_'.length);
      const value = byKey.get(`${key}${unit}`);
      if (value === undefined) return [];
      const points = result.rows.flatMap((row) => {
        const figure = row[value.key];
        return row.size! > 0 && figure !== null && figure !== undefined ? [[row.size!, figure] as const] : [];
      });
      return [{ label: ratio.header.slice('vs '.length), kind: key === 'native' ? 'native' : 'baseline', key, points }];
    });
}

function lineChart(benchmark: string, ranks: number, results: readonly BenchmarkResult[]): LineChartSpec {
  const first = results[0]!;
  const own = results.map((result): Series => ({
    label: variantLabel(result),
    kind: 'threadmpi',
    key: variantKey(result),
    points: result.rows.flatMap((row) => {
      const value = primary(result, row);
      return row.size! > 0 && value !== null ? [[row.size!, value] as const] : [];
    }),
  }));
  // Baselines and the native library's own choice are one series; a native run per variant is one each.
  const comparisons = new Map<string, Series>();
  for (const result of results) {
    for (const series of comparisonSeries(result)) {
      const nativeVariant = series.kind === 'native' ? result.nativeVariant : null;
      const key = nativeVariant !== null ? `${series.key} ${nativeVariant}` : series.key;
      if (!comparisons.has(key)) comparisons.set(key, nativeVariant !== null ? { ...series, label: `${series.label} ${nativeVariant}`, key } : series);
    }
  }
  return {
    type: 'line',
    id: `${benchmark}-np${ranks}`,
    title: `${first.title}, ${ranks} ranks`,
    yLabel: Y_LABELS[first.metric],
    series: [...own, ...comparisons.values()].filter((series) => series.points.length > 0),
  };
}

/**
 * Single-size benchmarks. On one rank count with several variants (fop/cas under each sync mode), a
 * group per variant holding threadmpi and native side by side; otherwise a group per rank count.
 */
function barChart(benchmark: string, results: readonly BenchmarkResult[]): BarChartSpec {
  const first = results[0]!;
  const ranks = [...new Set(results.map((result) => result.ranks))];
  const variants = [...new Set(results.map((result) => result.variant))];
  const nativeKey = first.metric === 'latency' ? 'native_us' : 'native_mbs';
  const hasNative = results.some((result) => result.columns.some((column) => column.key === nativeKey));
  const valueOf = (result: BenchmarkResult | undefined, key: string | null): number | null => {
    const row = result?.rows[0];
    if (row === undefined) return null;
    return key === null ? primary(result!, row) : (row[key] ?? null);
  };
  const base = { type: 'bar' as const, id: benchmark, title: first.title, yLabel: Y_LABELS[first.metric] };
  if (ranks.length === 1 && variants.length > 1) {
    return {
      ...base,
      groups: variants.map((variant) => variant ?? 'threadmpi'),
      series: [
        { label: 'threadmpi', kind: 'threadmpi', key: 'threadmpi', values: results.map((result) => valueOf(result, null)) },
        ...(hasNative ? [{ label: 'native', kind: 'native' as const, key: 'native', values: results.map((result) => valueOf(result, nativeKey)) }] : []),
      ],
    };
  }
  const at = (variant: string | null, n: number) => results.find((r) => r.variant === variant && r.ranks === n);
  return {
    ...base,
    groups: ranks.map((n) => `${n} ranks`),
    series: [
      ...variants.map((variant) => ({
        label: variant === null ? 'threadmpi' : `threadmpi ${variant}`,
        kind: 'threadmpi' as const,
        key: variant ?? 'threadmpi',
        values: ranks.map((n) => valueOf(at(variant, n), null)),
      })),
      // The native MPI chooses its own algorithm: one series, whichever variant's row holds it.
      ...(hasNative ? [{ label: 'native', kind: 'native' as const, key: 'native', values: ranks.map((n) => valueOf(at(variants[0]!, n), nativeKey)) }] : []),
    ],
  };
}

function heatMap(benchmark: string, results: readonly BenchmarkResult[]): HeatMapSpec | null {
  const cells = bestAlgorithms(results, benchmark);
  if (cells.length === 0) return null;
  return {
    type: 'heatmap',
    id: `${benchmark}-best`,
    title: `${benchmark}: fastest algorithm per (ranks, size), ${COMPARED_ON}`,
    sizes: [...new Set(cells.map((cell) => cell.size))].sort((a, b) => a - b),
    ranks: [...new Set(cells.map((cell) => cell.ranks))].sort((a, b) => a - b),
    algorithms: [...new Set(cells.map((cell) => cell.algorithm))].sort(),
    cells: cells.map((cell) => ({
      size: cell.size,
      ranks: cell.ranks,
      algorithm: cell.algorithm,
      bestUs: cell.bestUs,
      defaultRatio: cell.selectionUs === null ? null : cell.selectionUs / cell.bestUs,
    })),
  };
}

export function reportSections(report: BenchReport): Section[] {
  const benchmarks = [...new Set(report.results.map((result) => result.benchmark))];
  const compared = new Set(comparedCollectives(report.results));
  return benchmarks.map((benchmark) => {
    const results = report.results.filter((result) => result.benchmark === benchmark);
    const singleSize = results.every((result) => result.rows.length === 1);
    const charts: ChartSpec[] = [];
    if (singleSize) charts.push(barChart(benchmark, results));
    else {
      for (const ranks of new Set(results.map((result) => result.ranks))) {
        charts.push(lineChart(benchmark, ranks, results.filter((result) => result.ranks === ranks)));
      }
    }
    const heat = compared.has(benchmark) ? heatMap(benchmark, results) : null;
    if (heat !== null) charts.push(heat);
    return { benchmark, title: results[0]!.title, charts };
  });
}
