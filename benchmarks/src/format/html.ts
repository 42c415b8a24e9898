import type { BenchReport } from '../report.js';
export function formatHtml(report: BenchReport): string {
  return `<!doctype html><title>${report.tool}</title>`;
}
