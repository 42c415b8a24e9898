/**
 * One self-contained HTML file: the report's chart specs as JSON, Chart.js and its matrix plugin
 * inlined from node_modules, and the page script (assets/report-page.js). It opens offline, from a
 * file, in any browser.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from '../report.js';
import { reportSections } from './specs.js';

const require = createRequire(import.meta.url);

/** The browser (UMD) builds sit next to the entry points the packages export. */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
const MATRIX_JS = join(dirname(require.resolve('chartjs-chart-matrix')), 'chartjs-chart-matrix.min.js');
/** benchmarks/assets/, seen from both src/html/ and dist/html/. */
const PAGE_JS = fileURLToPath(new URL('../../assets/report-page.js', import.meta.url));

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
  header p { margin: 0.2rem 0; color: #555; }
  section { margin-top: 2rem; }
  figure.chart { margin: 0.5rem 0; height: 360px; max-width: 1100px; }
  figure.chart.heatmap { height: 300px; }
`;

/** Text that goes inside <script>: `</script>` and `<!--` must not appear in it. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function formatHtml(report: BenchReport): string {
  const { machine } = report;
  const data = JSON.stringify({ sections: reportSections(report) }).replace(/</g, '\\u003c');
  const facts = [
    `${machine.cpus} x ${machine.cpuModel}, ${machine.platform}-${machine.arch}, ${Math.round(machine.totalMemoryBytes / 2 ** 30)} GiB`,
    `Node ${machine.node}, threadmpi ${machine.threadmpi}, ${report.tool} ${report.version}`,
    machine.nativeMpi === null ? 'no native MPI compared' : `native: ${machine.nativeMpi}`,
    `measured ${machine.date}`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>threadmpi-bench report, ${escapeHtml(machine.date)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>threadmpi-bench report</h1>
${facts.map((fact) => `<p>${escapeHtml(fact)}</p>`).join('\n')}
<p>Log axes. Solid lines: threadmpi, one per algorithm or synchronisation mode; dashed: native MPI; dotted: baselines.</p>
</header>
<main id="charts"></main>
<script id="report-data" type="application/json">${data}</script>
<script>${scriptSafe(readFileSync(CHART_JS, 'utf8'))}</script>
<script>${scriptSafe(readFileSync(MATRIX_JS, 'utf8'))}</script>
<script>${scriptSafe(readFileSync(PAGE_JS, 'utf8'))}</script>
</body>
</html>
`;
}
