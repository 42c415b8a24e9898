/** The command line: `threadmpi-bench <name> [options]`, names taken from the registry. */
import { Argument, Command } from 'commander';
import { BENCH_VERSION } from './machine.js';
import {
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseRankList,
  parseSizeRange,
  type SizeRange,
} from './options.js';
import { registryListing } from './registry.js';

export interface CliOptions {
  readonly ranks?: number[];
  readonly messageSize?: SizeRange;
  readonly iterations?: number;
  readonly warmup?: number;
  readonly json?: string;
  readonly csv?: string;
  readonly quiet: boolean;
  readonly native: boolean;
  readonly baselines: boolean;
}

export type BenchAction = (name: string, options: CliOptions) => Promise<void>;

export function buildProgram(action: BenchAction): Command {
  const listing = registryListing();
  const nameWidth = Math.max(...listing.map(({ name }) => name.length));
  return new Command('threadmpi-bench')
    .description('OSU-style benchmarks of threadmpi, side by side with postMessage, memcpy and native MPI')
    .version(BENCH_VERSION)
    .addArgument(new Argument('<name>', 'benchmark or suite to run').choices(listing.map(({ name }) => name)))
    .option('-n, --ranks <list>', 'rank counts to run, comma-separated (e.g. 2,4)', parseRankList)
    .option('-m, --message-size <[min:]max>', 'message sizes in bytes, OSU style (e.g. 0:4M)', parseSizeRange)
    .option('-i, --iterations <count>', 'timed iterations per size (default: OSU defaults)', parsePositiveInteger)
    .option('-x, --warmup <count>', 'untimed warm-up iterations per size (default: OSU defaults)', parseNonNegativeInteger)
    .option('--json <file>', 'also write the full report as JSON')
    .option('--csv <file>', 'also write the figures as CSV')
    .option('--quiet', 'no progress bar', false)
    .option('--no-native', 'skip the native MPI side-by-side')
    .option('--no-baselines', 'skip the postMessage, copy and spin baselines')
    .addHelpText('after', `\nBenchmarks and suites:\n${listing.map(({ name, description }) => `  ${name.padEnd(nameWidth)}  ${description}`).join('\n')}\n`)
    .action((name: string, options: CliOptions) => action(name, options));
}
