import { InvalidArgumentError } from 'commander';
import {
  parseByteSize,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseRankList,
  parseSizeRange,
  parseVariantList,
} from '../src/options.js';
import type { Command } from 'commander';
import { buildProgram, type Actions, type CliOptions, type TuneOptions } from '../src/program.js';

describe('flag parsers', () => {
  test('byte sizes accept plain bytes and binary suffixes', () => {
    expect(parseByteSize('0')).toBe(0);
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('4K')).toBe(4096);
    expect(parseByteSize('4kib')).toBe(4096);
    expect(parseByteSize('4M')).toBe(4 * 1024 * 1024);
    expect(parseByteSize('1GB')).toBe(1024 ** 3);
    for (const bad of ['', '-1', '4X', '1.5K', 'K']) expect(() => parseByteSize(bad)).toThrow(InvalidArgumentError);
  });

  test('-m takes OSU [MIN:]MAX', () => {
    expect(parseSizeRange('64')).toEqual({ max: 64 });
    expect(parseSizeRange(':64')).toEqual({ max: 64 });
    expect(parseSizeRange('8:4K')).toEqual({ min: 8, max: 4096 });
    expect(() => parseSizeRange('4K:8')).toThrow(/MIN 4096 is larger than MAX 8/);
    expect(() => parseSizeRange('1:2:3')).toThrow(/\[MIN:\]MAX/);
  });

  test('-n takes a comma-separated list of positive rank counts', () => {
    expect(parseRankList('2')).toEqual([2]);
    expect(parseRankList('2, 4,8')).toEqual([2, 4, 8]);
    for (const bad of ['', '0', '2,,4', '2.5', 'two']) expect(() => parseRankList(bad)).toThrow(InvalidArgumentError);
  });

  test('-i needs at least one iteration, -x allows zero warm-up', () => {
    expect(parsePositiveInteger('10')).toBe(10);
    expect(() => parsePositiveInteger('0')).toThrow(/>= 1/);
    expect(parseNonNegativeInteger('0')).toBe(0);
    expect(() => parseNonNegativeInteger('-1')).toThrow(/>= 0/);
    expect(() => parseNonNegativeInteger('3e2')).toThrow(InvalidArgumentError);
  });
});

test('variant lists: names, or all', () => {
  expect(parseVariantList('ring')).toEqual(['ring']);
  expect(parseVariantList('ring, linear')).toEqual(['ring', 'linear']);
  expect(parseVariantList('all')).toBe('all');
  for (const bad of ['', 'ring,', 'Ring', 'a-b']) expect(() => parseVariantList(bad)).toThrow(InvalidArgumentError);
});

describe('command line', () => {
  type Call = { command: 'bench' | 'tune' | 'report'; args: unknown[] };

  async function run(args: string[]): Promise<Call> {
    const calls: Call[] = [];
    const actions: Actions = {
      bench: async (...rest) => void calls.push({ command: 'bench', args: rest }),
      tune: async (...rest) => void calls.push({ command: 'tune', args: rest }),
      report: async (...rest) => void calls.push({ command: 'report', args: rest }),
    };
    const exitOverride = (command: Command): Command =>
      command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    const program = exitOverride(buildProgram(actions));
    program.commands.forEach(exitOverride);
    await program.parseAsync(args, { from: 'user' });
    expect(calls).toHaveLength(1);
    return calls[0]!;
  }

  async function parse(args: string[]): Promise<{ name: string; options: CliOptions }> {
    const call = await run(args);
    expect(call.command).toBe('bench');
    const [name, options] = call.args as [string, CliOptions];
    return { name, options };
  }

  test('every flag reaches the action parsed', async () => {
    const { name, options } = await parse([
      'latency', '-n', '2,4', '-m', '8:4K', '-i', '50', '-x', '5', '--json', 'out.json', '--csv', 'out.csv',
      '--html', 'out.html', '--format', 'imb', '--quiet', '--compare-mpi', '--no-baselines',
    ]);
    expect(name).toBe('latency');
    expect(options).toMatchObject({
      ranks: [2, 4],
      messageSize: { min: 8, max: 4096 },
      iterations: 50,
      warmup: 5,
      json: 'out.json',
      csv: 'out.csv',
      html: 'out.html',
      format: 'imb',
      quiet: true,
      compareMpi: true,
      baselines: false,
    });
  });

  test('--algo, --sync and -w take names, lists or all', async () => {
    expect((await parse(['allreduce', '--algo', 'all'])).options.algo).toBe('all');
    expect((await parse(['allreduce', '--algo', 'ring,linear'])).options.algo).toEqual(['ring', 'linear']);
    expect((await parse(['put_latency', '-s', 'fence'])).options.sync).toEqual(['fence']);
    expect((await parse(['put_latency', '--sync', 'all'])).options.sync).toBe('all');
    expect((await parse(['put_latency', '-w', 'create'])).options.window).toBe('create');
    await expect(parse(['put_latency', '-w', 'dynamic'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['allreduce', '--algo', 'Ring!'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  test('defaults leave sizes, iterations, variants and the native comparison to the benchmark', async () => {
    const { options } = await parse(['bw']);
    expect(options.ranks).toBeUndefined();
    expect(options.messageSize).toBeUndefined();
    expect(options.iterations).toBeUndefined();
    expect(options.algo).toBeUndefined();
    expect(options.compareMpi).toBeUndefined();
    expect(options.quiet).toBe(false);
    expect(options.format).toBe('osu');
    expect(options.baselines).toBe(true);
    expect((await parse(['quick', '--no-compare-mpi'])).options.compareMpi).toBe(false);
  });

  test('tune takes the sweep flags, the collectives and the output file', async () => {
    const call = await run(['tune', '-n', '2,4', '-m', '8:64', '-i', '10', '-x', '1', '-c', 'allreduce,bcast', '-o', 'r.json', '--margin', '10', '--quiet']);
    expect(call.command).toBe('tune');
    expect(call.args[0]).toMatchObject({
      ranks: [2, 4], messageSize: { min: 8, max: 64 }, iterations: 10, warmup: 1,
      collectives: ['allreduce', 'bcast'], output: 'r.json', margin: 10, quiet: true,
    });
    const defaults = (await run(['tune'])).args[0] as TuneOptions;
    expect(defaults.output).toBe('threadmpi-rules.json');
    expect(defaults.margin).toBe(5);
    expect(defaults.collectives).toContain('allreduce');
    await expect(run(['tune', '-c', 'allreduse'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  test('report takes JSON files and where to write Markdown and HTML', async () => {
    const call = await run(['report', 'a.json', 'b.json', '--markdown', 'p.md', '--html', 'p.html', '--format', 'nccl']);
    expect(call.command).toBe('report');
    expect(call.args[0]).toEqual(['a.json', 'b.json']);
    expect(call.args[1]).toMatchObject({ markdown: 'p.md', html: 'p.html', format: 'nccl' });
  });

  test('unknown names and malformed flags are rejected before anything runs', async () => {
    await expect(parse(['nonsense'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['latency', '-m', 'big'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['latency', '-i', '0'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['latency', '--format', 'csv'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});
