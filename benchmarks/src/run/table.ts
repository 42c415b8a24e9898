/**
 * Builds a BenchmarkResult: threadmpi's own OSU columns, the median batch, the nccl-tests bandwidths
 * and #wrong for collectives, then a value and a ratio column per comparison.
 */
import type { CollectiveShape } from '../entries/entry.js';
import { primaryValue, type Metric, type Timing } from '../measure/timing.js';
import type { BenchmarkResult, ChecksLabel, CollectiveInfo, Column, Row } from '../report.js';

/** A baseline or native figure per message size, in the metric's unit. */
export interface Comparison {
  readonly key: string;
  readonly label: string;
  readonly values: ReadonlyMap<number, number>;
  /**
   * threadmpi / this figure as measured together with it (interleaved trials in one job), by size;
   * where present it is the ratio column instead of the division of two separately measured figures.
   */
  readonly ratios?: ReadonlyMap<number, number>;
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

/**
 * The figure collectives' algorithms are compared on (measure/batches.ts), after OSU's columns so
 * that tools reading OSU text still find theirs first.
 */
export const MEDIAN_BATCH_COLUMN: Column = { key: 'median_batch_us', header: 'Median Batch(us)', decimals: 2 };

const NCCL_COLUMNS: readonly Column[] = [
  { key: 'algbw_gbs', header: 'algbw(GB/s)', decimals: 3 },
  { key: 'busbw_gbs', header: 'busbw(GB/s)', decimals: 3 },
];

const WRONG_COLUMN: Column = { key: 'wrong', header: '#wrong', decimals: 0 };

const UNITS: Record<Metric, { readonly key: string; readonly header: string }> = {
  latency: { key: 'us', header: 'us' },
  bandwidth: { key: 'mbs', header: 'MB/s' },
};

const RATIO_MEANING: Record<Metric, string> = {
  latency: 'vs X = threadmpi latency / X latency: below 1 means threadmpi is faster',
  bandwidth: 'vs X = threadmpi bandwidth / X bandwidth: above 1 means threadmpi is faster',
};

const OWN_KEYS: Record<Metric, readonly string[]> = {
  latency: OWN_COLUMNS.latency.map((column) => column.key),
  bandwidth: OWN_COLUMNS.bandwidth.map((column) => column.key),
};

function ownCells(size: number, metric: Metric, timing: Timing | null): Record<string, number | null> {
  if (timing === null) return Object.fromEntries(OWN_KEYS[metric].map((key) => [key, key === 'size' ? size : null]));
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

/** nccl-tests' figures: bytes of one call, algbw = bytes / time, busbw = algbw x the collective's factor. */
function ncclCells(shape: CollectiveShape, ranks: number, size: number, timing: Timing | null): Record<string, number | null> {
  const bytes = shape.ncclBytes(size, ranks);
  const algbw = bytes > 0 && timing?.metric === 'latency' && timing.avgUs > 0 ? bytes / timing.avgUs / 1000 : null;
  return { nccl_bytes: bytes, algbw_gbs: algbw, busbw_gbs: algbw === null ? null : algbw * shape.busFactor(ranks) };
}

export interface ResultInput {
  readonly benchmark: string;
  readonly title: string;
  readonly ranks: number;
  readonly variant: string | null;
  readonly variantKind: 'algorithm' | 'sync' | null;
  readonly collective: CollectiveShape | null;
  readonly verified: boolean;
  readonly metric: Metric;
  /** threadmpi's timing per message size, in step order; null where the run failed. */
  readonly timings: ReadonlyArray<{ readonly size: number; readonly timing: Timing | null }>;
  readonly comparisons: readonly Comparison[];
  readonly notes: readonly string[];
  readonly references: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
  /** The variant the native comparison ran (a forced algorithm, a sync mode); null: the library's choice. */
  readonly nativeVariant: string | null;
  /** Default null: threadmpi's checks as by default, not part of a comparison. */
  readonly checks?: ChecksLabel;
  /** The `default` variant of a collective: the algorithm the selection ran, by size. */
  readonly chosen?: Readonly<Record<string, string>>;
}

function collectiveInfo(shape: CollectiveShape): CollectiveInfo {
  return { collective: shape.collective, element: shape.element.name, elementBytes: shape.element.bytes, redop: shape.redop, root: shape.root };
}

export function buildResult(input: ResultInput): BenchmarkResult {
  const unit = UNITS[input.metric];
  const comparisonColumns = input.comparisons.map((comparison) => ({
    comparison,
    value: { key: `${comparison.key}_${unit.key}`, header: `${comparison.label}(${unit.header})`, decimals: 2 },
    ratio: { key: `vs_${comparison.key}`, header: `vs ${comparison.label}`, decimals: 2 },
  }));
  const problems = [...input.problems];
  const rows = input.timings.map(({ size, timing }): Row => {
    const cells: Record<string, number | null> = { ...ownCells(size, input.metric, timing) };
    if (input.collective !== null) {
      cells[MEDIAN_BATCH_COLUMN.key] = timing?.metric === 'latency' ? (timing.medianBatchUs ?? null) : null;
      Object.assign(cells, ncclCells(input.collective, input.ranks, size, timing));
    }
    if (input.verified) {
      cells.wrong = timing?.wrong ?? null;
      if (timing?.wrong !== undefined && timing.wrong > 0) problems.push(`size ${size}: ${timing.wrong} element(s) differ from the expected result`);
    }
    for (const { comparison, value, ratio } of comparisonColumns) {
      const figure = comparison.values.get(size);
      cells[value.key] = figure ?? null;
      const paired = comparison.ratios?.get(size);
      cells[ratio.key] = paired ?? (figure === undefined || figure === 0 || timing === null ? null : primaryValue(timing) / figure);
    }
    return cells;
  });
  return {
    benchmark: input.benchmark,
    title: input.title,
    ranks: input.ranks,
    variant: input.variant,
    variantKind: input.variantKind,
    collective: input.collective === null ? null : collectiveInfo(input.collective),
    metric: input.metric,
    columns: [
      ...OWN_COLUMNS[input.metric],
      ...(input.collective !== null ? [MEDIAN_BATCH_COLUMN, ...NCCL_COLUMNS] : []),
      ...(input.verified ? [WRONG_COLUMN] : []),
      ...comparisonColumns.flatMap(({ value, ratio }) => [value, ratio]),
    ],
    rows,
    notes: input.comparisons.length > 0 ? [...input.notes, RATIO_MEANING[input.metric]] : input.notes,
    references: input.references,
    problems,
    nativeVariant: input.nativeVariant,
    checks: input.checks ?? null,
    ...(input.chosen === undefined ? {} : { chosen: input.chosen }),
  };
}
