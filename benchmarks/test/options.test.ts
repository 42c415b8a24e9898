import { jest } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import {
  parseByteSize,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseRankList,
  parseSizeRange,
} from '../src/options.js';
import { buildProgram, type CliOptions } from '../src/program.js';

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

describe('command line', () => {
  async function parse(args: string[]): Promise<{ name: string; options: CliOptions }> {
    const action = jest.fn(async (_name: string, _options: CliOptions) => {});
    const program = buildProgram(action)
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} });
    await program.parseAsync(args, { from: 'user' });
    expect(action).toHaveBeenCalledTimes(1);
    const [name, options] = action.mock.calls[0]!;
    return { name, options };
  }

  test('every flag reaches the action parsed', async () => {
    const { name, options } = await parse([
      'latency', '-n', '2,4', '-m', '8:4K', '-i', '50', '-x', '5', '--json', 'out.json', '--csv', 'out.csv', '--quiet',
    ]);
    expect(name).toBe('latency');
    expect(options).toMatchObject({
      ranks: [2, 4],
      messageSize: { min: 8, max: 4096 },
      iterations: 50,
      warmup: 5,
      json: 'out.json',
      csv: 'out.csv',
      quiet: true,
      native: true,
      baselines: true,
    });
  });

  test('defaults leave sizes and iterations to the benchmark', async () => {
    const { options } = await parse(['bw']);
    expect(options.ranks).toBeUndefined();
    expect(options.messageSize).toBeUndefined();
    expect(options.iterations).toBeUndefined();
    expect(options.quiet).toBe(false);
  });

  test('--no-native and --no-baselines switch the comparisons off', async () => {
    const { options } = await parse(['quick', '--no-native', '--no-baselines']);
    expect(options.native).toBe(false);
    expect(options.baselines).toBe(false);
  });

  test('unknown names and malformed flags are rejected before anything runs', async () => {
    await expect(parse(['nonsense'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['latency', '-m', 'big'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    await expect(parse(['latency', '-i', '0'])).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});
