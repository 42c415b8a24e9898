/** Builds a BenchmarkResult: threadmpi's own OSU columns, then a value and a ratio column per comparison. */
import { primaryValue, type Metric, type Timing } from '../measure/timing.js';
import type { BenchmarkResult, Column, Row } from '../report.js';

/** A baseline or native figure per message size, in the metric's unit. */
export interface Comparison {
  readonly key: string;
  readonly label: string;
  readonly values: ReadonlyMap<number, number>;
}

const SIZE_COLUMN: Column = { key: 'size', header: 'Size', decimals: 0 };

const OWN_COLUMNS: Record<Metric, readonly Column[]> = {
  latency: [
    SIZE_COLUMN,
    { key: 'avg_latency_us', header: 'Avg Latency(us)', decimals: 2 },
    { key: 'min_latency_us', header: 'Min Latency(us)', decimals: 2 },
    { key: 'max_latency_us', header: 'Max Latency(us)', decimals: 2 },
    { key: 'iterations', header: 'Iterations', decimals: 0 },
  ],
  bandwidth: [
    SIZE_COLUMN,
    { key: 'bandwidth_mbs', header: 'Bandwidth (MB/s)', decimals: 2 },
    { key: 'iterations', header: 'Iterations', decimals: 0 },
  ],
};

const UNITS: Record<Metric, { readonly key: string; readonly header: string }> = {
  latency: { key: 'us', header: 'us' },
  bandwidth: { key: 'mbs', header: 'MB/s' },
};

const RATIO_MEANING: Record<Metric, string> = {
  latency: 'vs X = threadmpi latency / X latency: below 1 means threadmpi is faster',
  bandwidth: 'vs X = threadmpi bandwidth / X bandwidth: above 1 means threadmpi is faster',
};

function ownCells(size: number, timing: Timing): Row {
  return timing.metric === 'latency'
    ? {
        size,
        avg_latency_us: timing.avgUs,
        min_latency_us: timing.minUs,
        max_latency_us: timing.maxUs,
        iterations: timing.iterations,
      }
    : { size, bandwidth_mbs: timing.mbPerSec, iterations: timing.iterations };
}

export interface ResultInput {
  readonly benchmark: string;
  readonly title: string;
  readonly ranks: number;
  readonly metric: Metric;
  /** threadmpi's timing per message size, in step order. */
  readonly timings: ReadonlyArray<{ readonly size: number; readonly timing: Timing }>;
  readonly comparisons: readonly Comparison[];
  readonly notes: readonly string[];
  readonly references: Readonly<Record<string, number>>;
}

export function buildResult(input: ResultInput): BenchmarkResult {
  const unit = UNITS[input.metric];
  const comparisonColumns = input.comparisons.map((comparison) => ({
    comparison,
    value: { key: `${comparison.key}_${unit.key}`, header: `${comparison.label}(${unit.header})`, decimals: 2 },
    ratio: { key: `vs_${comparison.key}`, header: `vs ${comparison.label}`, decimals: 2 },
  }));
  const rows = input.timings.map(({ size, timing }): Row => {
    const cells: Record<string, number | null> = { ...ownCells(size, timing) };
    for (const { comparison, value, ratio } of comparisonColumns) {
      const figure = comparison.values.get(size);
      cells[value.key] = figure ?? null;
      cells[ratio.key] = figure === undefined || figure === 0 ? null : primaryValue(timing) / figure;
    }
    return cells;
  });
  return {
    benchmark: input.benchmark,
    title: input.title,
    ranks: input.ranks,
    metric: input.metric,
    columns: [...OWN_COLUMNS[input.metric], ...comparisonColumns.flatMap(({ value, ratio }) => [value, ratio])],
    rows,
    notes: input.comparisons.length > 0 ? [...input.notes, RATIO_MEANING[input.metric]] : input.notes,
    references: input.references,
  };
}
