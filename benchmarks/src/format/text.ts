/** The text styles stdout can take (`--format`). */
import type { BenchReport } from '../report.js';
import { formatImbReport } from './imb.js';
import { formatNcclReport } from './nccl.js';
import { formatOsuReport } from './osu.js';

export const TEXT_FORMATS = ['osu', 'imb', 'nccl'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

const FORMATTERS: Record<TextFormat, (report: BenchReport) => string> = {
  osu: formatOsuReport,
  imb: formatImbReport,
  nccl: formatNcclReport,
};

export function formatText(report: BenchReport, format: TextFormat): string {
  return FORMATTERS[format](report);
}
