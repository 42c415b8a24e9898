/** Fixed-width text tables, shared by the OSU, IMB and nccl-tests styles. */
import type { Column, Row } from '../report.js';

const MISSING = '-';
const MIN_FIELD_WIDTH = 12;

export interface TextColumn {
  readonly header: string;
  readonly cell: (row: Row) => string;
}

/** A numeric column of the report, printed with its decimals; `-` where the figure is missing. */
export function numeric(column: Column, header: string = column.header): TextColumn {
  return { header, cell: (row) => formatNumber(row[column.key], column.decimals) };
}

export function formatNumber(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined ? MISSING : value.toFixed(decimals);
}

export interface LayoutOptions {
  /** OSU: the first column is left-aligned in this width, its header starting `# `. */
  readonly leftFirstWidth?: number;
  /** Replaces the header line's first character, a space (IMB: none, nccl-tests: `#`). */
  readonly headerMark?: string;
}

/** Header line, then one line per row; every right-aligned column gets max(header + 2, 12) characters. */
export function layoutTable(columns: readonly TextColumn[], rows: readonly Row[], options: LayoutOptions = {}): string[] {
  const { leftFirstWidth } = options;
  const [first, ...rest] = columns;
  if (first === undefined) return [];
  const left = leftFirstWidth === undefined ? null : first;
  const right = left === null ? columns : rest;
  const widths = right.map((column) => Math.max(column.header.length + 2, MIN_FIELD_WIDTH));
  const line = (lead: string, cells: readonly string[]): string => lead + cells.map((text, i) => text.padStart(widths[i]!)).join('');
  let header = line(left === null ? '' : `# ${left.header}`.padEnd(leftFirstWidth!), right.map((column) => column.header));
  if (options.headerMark !== undefined) header = options.headerMark + header.slice(1);
  const body = rows.map((row) => line(left === null ? '' : left.cell(row).padEnd(leftFirstWidth!), right.map((column) => column.cell(row))));
  return [header, ...body];
}
