import { parse as parseCsv } from 'csv-parse/sync';
import { formatCsv } from '../src/format/csv.js';
import { formatJson } from '../src/format/json.js';
import { formatOsuReport, formatOsuResult, parseOsuRows } from '../src/format/osu.js';
import { formatImbResult } from '../src/format/imb.js';
import { formatMarkdown, reproduceCommand } from '../src/format/markdown.js';
import { formatNcclResult } from '../src/format/nccl.js';
import { FIXED_REPORT, sweepReport } from './fixtures.js';
import { parseRankList, parseSizeRange, parseVariantList } from '../src/options.js';
import { planSelection, type PlanOverrides } from '../src/plan.js';

const [LATENCY, BANDWIDTH] = FIXED_REPORT.results;

describe('OSU text', () => {
  test('a result prints title, notes, the OSU header and fixed-width rows', () => {
    expect(formatOsuResult(LATENCY!).split('\n')).toEqual([
      '# OSU MPI Latency Test',
      '# threadmpi, 2 ranks',
      '# native MPI not found (install openmpi-bin libopenmpi-dev); skipping',
      '# Size      Avg Latency(us)  Iterations  postMessage(us)  vs postMessage',
      '8                      1.23         100            12.50            0.10',
      '4096                   2.50         100                -               -',
    ]);
  });

  test('the report starts with the machine line and separates results by a blank line', () => {
    const text = formatOsuReport(FIXED_REPORT);
    expect(text.split('\n')[0]).toBe(
      '# threadmpi-bench 0.1.0, threadmpi 0.1.0, Node v20.0.0, 2 x Test CPU, 3.0GHz, linux-x64, 2025-01-02T03:04:05.000Z',
    );
    expect(text).toContain('\n\n# OSU MPI Bandwidth Test\n');
    expect(text).toContain('\n1                       3.14          20\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  test('the native MPI version is recorded when one was compared', () => {
    const report = { ...FIXED_REPORT, machine: { ...FIXED_REPORT.machine, nativeMpi: 'mpirun (Open MPI) 4.1.4' } };
    expect(formatOsuReport(report).split('\n')[1]).toBe('# native: mpirun (Open MPI) 4.1.4');
  });

  test('rows read back from OSU text, comments skipped', () => {
    expect(parseOsuRows(formatOsuResult(BANDWIDTH!))).toEqual([[1, 3.14, 20]]);
    expect(parseOsuRows('# OSU\n# Size  Latency\n0   0.17\n\n8\t0.14 \n')).toEqual([
      [0, 0.17],
      [8, 0.14],
    ]);
    expect(() => parseOsuRows('8 0.14\nmpirun: error\n')).toThrow(/not an OSU data row: "mpirun: error"/);
  });
});

describe('JSON', () => {
  test('keeps the whole report at full precision and missing figures as null', () => {
    const parsed = JSON.parse(formatJson(FIXED_REPORT));
    expect(parsed).toEqual(FIXED_REPORT);
    expect(parsed.results[0].rows[1].postmessage_us).toBeNull();
    expect(parsed.results[0].rows[0].vs_postmessage).toBe(0.09872);
  });
});

describe('CSV', () => {
  test('one row per result row, union header, machine fields repeated, quoting where needed', () => {
    const csv = formatCsv(FIXED_REPORT);
    expect(csv.split('\n')[0]).toBe(
      'benchmark,ranks,variant,checks,size,avg_latency_us,iterations,postmessage_us,vs_postmessage,bandwidth_mbs,date,node,cpus,cpu_model,threadmpi',
    );
    const records = parseCsv(csv, { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ benchmark: 'latency', size: '8', vs_postmessage: '0.09872', cpu_model: 'Test CPU, 3.0GHz' });
    expect(records[1]).toMatchObject({ size: '4096', postmessage_us: '', bandwidth_mbs: '' });
    expect(records[2]).toMatchObject({ benchmark: 'bw', size: '1', bandwidth_mbs: '3.14159', avg_latency_us: '' });
  });
});

describe('IMB and nccl-tests layouts', () => {
  const allreduce = sweepReport().results.find((result) => result.benchmark === 'allreduce' && result.ranks === 4 && result.variant === 'ring')!;

  test('IMB: the dashed block, then #bytes #repetitions t_min t_max t_avg and the other columns', () => {
    const lines = formatImbResult(allreduce).split('\n');
    expect(lines.slice(0, 4)).toEqual([`#${'-'.repeat(64)}`, '# Benchmarking allreduce', '# #processes = 4', '# threadmpi, 4 ranks, algorithm ring']);
    const header = lines.find((line) => line.includes('#bytes'))!.trim().split(/\s+/);
    expect(header).toEqual([
      '#bytes', '#repetitions', 't_min[usec]', 't_max[usec]', 't_avg[usec]', 'Median', 'Batch(us)', 'algbw(GB/s)', 'busbw(GB/s)', '#wrong', 'native(us)', 'vs', 'native',
    ]);
    const row = lines.at(-1)!.trim().split(/\s+/);
    expect(row.slice(0, 2)).toEqual(['65536', '100']);
  });

  test('nccl-tests: size count type redop root time algbw busbw #wrong, with the units line', () => {
    const lines = formatNcclResult(allreduce).split('\n');
    const header = lines.findIndex((line) => line.startsWith('#') && line.includes('redop'));
    expect(lines[header]!.slice(1).trim().split(/\s+/).slice(0, 9)).toEqual(['size', 'count', 'type', 'redop', 'root', 'time', 'algbw', 'busbw', '#wrong']);
    expect(lines[header + 1]!.slice(1).trim().split(/\s+/)).toEqual(['(B)', '(elements)', '(us)', '(GB/s)', '(GB/s)']);
    const row = lines[header + 2]!.trim().split(/\s+/);
    expect(row.slice(0, 5)).toEqual(['8', '1', 'double', 'sum', '-1']);
    // Results that are not collectives keep the OSU layout.
    expect(formatNcclResult(LATENCY!)).toBe(formatOsuResult(LATENCY!));
  });
});

describe('Markdown', () => {
  const markdown = formatMarkdown(sweepReport());

  test('says the figures are from a 2-core machine and how to reproduce them', () => {
    expect(markdown).toContain('**These figures are from a 2-core machine**');
    expect(markdown).toContain('pnpm --filter threadmpi-bench run performance-doc');
  });

  test('targets are ratios of figures from the same run; missing figures are not measured, never met', () => {
    expect(markdown).toMatch(/\| Allreduce Float64 SUM, 2 ranks, 8 B: within 2x of native MPI \| threadmpi [\d.]+ us \/ native [\d.]+ us \| [\d.]+x \| (met|\*\*not met\*\*) \|/);
    expect(markdown).toMatch(
      /\| default selection at most 10% slower .* \(median batch latency, variants interleaved\) \| worst: allreduce np=4 8 B, default .* \(median batch\) \| 1\.20x \| \*\*not met\*\* \|/,
    );
    expect(markdown).toMatch(/\| 8 B put \+ flush under a lock: within 2x of native MPI \| not measured \| - \| not measured \|/);
  });

  test('collectives: per (ranks, size) the default against the best algorithm on medians, against native on averages', () => {
    expect(markdown).toContain(
      '| ranks | size | default runs | default median (us) | best algorithm median (us) | default / best | default avg (us) | native avg (us) | default / native |',
    );
    // The fixture's averages are 1.5x its medians: 64 KiB on 2 ranks, ring's median 2 x (4 + 32.768), native 1 + 65.536.
    expect(markdown).toContain('| 2 | 64 KiB |  | 73.54 | ring 73.54 | 1.00x | 110.30 | 66.54 | 1.66x |');
    expect(markdown).toContain('*median* is the median over a variant\'s batches');
  });

  test('every section names a command that, planned as the CLI would, measures its ranks, sizes and variants again', () => {
    const report = sweepReport();
    const lines = markdown.split('\n').filter((line) => line.includes('Reproduce: `'));
    expect(lines.length).toBeGreaterThan(0);
    for (const name of new Set(report.results.map((result) => result.benchmark))) {
      const own = report.results.filter((result) => result.benchmark === name);
      const command = reproduceCommand(own);
      expect(markdown).toContain(`Reproduce: \`${command}\``);
      const [, , benchmark, ...args] = command.split(' ');
      const overrides: { -readonly [K in keyof PlanOverrides]: PlanOverrides[K] } = {};
      for (let i = 0; i < args.length; i++) {
        const flag = args[i]!;
        if (flag === '--compare-mpi') continue;
        const value = args[++i]!;
        if (flag === '-n') overrides.ranks = parseRankList(value);
        else if (flag === '-m') overrides.sizeRange = parseSizeRange(value);
        else if (flag === '--algo') overrides.algorithms = parseVariantList(value);
        else if (flag === '--sync') overrides.syncModes = parseVariantList(value);
        else throw new Error(`${command}: unexpected ${flag}`);
      }
      const [plan] = planSelection(benchmark!, overrides);
      for (const result of own) {
        expect(plan!.ranks).toContain(result.ranks);
        if (result.variant !== null) expect(plan!.variants).toContain(result.variant);
        for (const row of result.rows) expect(plan!.steps.map((step) => step.size)).toContain(row.size);
      }
    }
  });
});
