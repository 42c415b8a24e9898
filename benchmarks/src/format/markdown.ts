import type { BenchReport } from '../report.js';
export function formatMarkdown(report: BenchReport): string {
  return `# ${report.tool}\n`;
}
