/**
 * The HTML report rendered in headless Chromium (Debian's `chromium`, which .ci/run installs): every
 * chart the specs ask for is a drawn Chart.js canvas, the heat map holds a cell per (ranks, size),
 * and the page logs no errors. The screenshot is left in the temporary directory for a human look.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { formatHtml } from '../src/html/page.js';
import { reportSections, type HeatMapSpec } from '../src/html/specs.js';
import { sweepReport } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

describe('chart specs', () => {
  const sections = reportSections(sweepReport());

  test('a line chart per (benchmark, ranks) with a series per algorithm and native; a bar chart for single sizes', () => {
    const allreduce = sections.find((section) => section.benchmark === 'allreduce')!;
    expect(allreduce.charts.map((chart) => `${chart.type}:${chart.id}`)).toEqual([
      'line:allreduce-np2', 'line:allreduce-np4', 'heatmap:allreduce-best',
    ]);
    const line = allreduce.charts[0]!;
    expect(line.type === 'line' && line.series.map((series) => `${series.kind}:${series.label}`)).toEqual([
      'threadmpi:threadmpi default', 'threadmpi:threadmpi linear', 'threadmpi:threadmpi ring', 'native:native',
    ]);
    const fop = sections.find((section) => section.benchmark === 'fop_latency')!;
    expect(fop.charts.map((chart) => chart.type)).toEqual(['bar']);
  });

  test('the heat map names the best algorithm per point and how much slower default was', () => {
    const heat = sections.find((section) => section.benchmark === 'allreduce')!.charts[2] as HeatMapSpec;
    expect(heat.ranks).toEqual([2, 4]);
    expect(heat.sizes).toEqual([8, 64, 1024, 65536]);
    const at = (ranks: number, size: number) => heat.cells.find((cell) => cell.ranks === ranks && cell.size === size)!;
    expect(at(2, 8).algorithm).toBe('linear');
    expect(at(2, 65536).algorithm).toBe('ring');
    expect(at(4, 8).defaultRatio).toBeCloseTo(1.2, 10);
    expect(at(2, 64).defaultRatio).toBeCloseTo(1, 10);
  });
});

describe('HTML in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(() => browser?.close());

  test('every chart is drawn, with no console errors', async () => {
    const report = sweepReport();
    const expected = reportSections(report).flatMap((section) => section.charts);
    const dir = await mkdtemp(join(tmpdir(), 'threadmpi-bench-html-'));
    const file = join(dir, 'report.html');
    await writeFile(file, formatHtml(report));

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) errors.push(`fetched ${request.url()}: the report must be self-contained`);
    });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-charts-rendered]');

    const charts = await page.evaluate(() => {
      type ChartLike = { config: { type: string }; data: { datasets: Array<{ data: unknown[] }> } };
      const g = globalThis as unknown as { Chart: { getChart(c: unknown): ChartLike | undefined }; document: any };
      return Array.from(g.document.querySelectorAll('canvas') as ArrayLike<any>).map((canvas) => {
        const chart = g.Chart.getChart(canvas);
        const pixels: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return {
          id: canvas.id as string,
          type: chart?.config.type ?? null,
          datasets: chart?.data.datasets.length ?? 0,
          points: chart?.data.datasets.reduce((sum, dataset) => sum + dataset.data.length, 0) ?? 0,
          paintedShare: painted / (pixels.length / 4),
          width: canvas.width as number,
        };
      });
    });
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    await page.close();

    expect(errors).toEqual([]);
    expect(charts.map((chart) => chart.id)).toEqual(expected.map((spec) => `chart-${spec.id}`));
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.datasets).toBeGreaterThan(0);
      // Axes, lines and labels cover a few percent of a canvas; a blank one covers none.
      expect(chart.paintedShare).toBeGreaterThan(0.01);
    }
    expect(charts.find((chart) => chart.id === 'chart-allreduce-best')).toMatchObject({ type: 'matrix', points: 8 });
    expect(charts.find((chart) => chart.id === 'chart-allreduce-np2')).toMatchObject({ type: 'line', datasets: 4 });
  });
});
