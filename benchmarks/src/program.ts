/**
 * The command line: `threadmpi-bench <name> [options]` (names from the registry), plus `tune`
 * (writes a collective rules file) and `report` (renders saved JSON reports again).
 */
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { COLLECTIVE_BENCHMARKS } from './entries/collectives.js';
import { TEXT_FORMATS, type TextFormat } from './format/text.js';
import { BENCH_VERSION } from './machine.js';
import {
  CHECKS_SETTINGS,
  choiceParser,
  type ChecksSetting,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseRankList,
  parseSizeRange,
  parseVariantList,
  type SizeRange,
} from './options.js';
import { WINDOW_CREATIONS, type WindowCreation } from './ranks/one-sided.js';
import { BENCHMARKS, registryListing } from './registry.js';
import type { StartupOptions } from './startup/command.js';

/** Flags shared by every command that measures. */
export interface SweepOptions {
  readonly ranks?: number[];
  readonly messageSize?: SizeRange;
  readonly iterations?: number;
  readonly warmup?: number;
  readonly json?: string;
  readonly csv?: string;
  readonly html?: string;
  readonly format: TextFormat;
  readonly quiet: boolean;
}

export interface CliOptions extends SweepOptions {
  readonly algo?: 'all' | string[];
  readonly sync?: 'all' | string[];
  readonly window?: WindowCreation;
  /** Undefined: the default (suites that exist to compare say so; single benchmarks do not). */
  readonly compareMpi?: boolean;
  readonly baselines: boolean;
  /** Undefined: the default (on; a suite's members may say otherwise). */
  readonly checks?: ChecksSetting;
}

export interface TuneOptions extends SweepOptions {
  readonly collectives: string[];
  readonly output: string;
  /** Percent an algorithm must beat the core's own choice by to get a rule. */
  readonly margin: number;
}

export interface ReportOptions {
  readonly markdown?: string;
  readonly html?: string;
  readonly format: TextFormat;
}

export interface Actions {
  bench(name: string, options: CliOptions): Promise<void>;
  tune(options: TuneOptions): Promise<void>;
  report(files: string[], options: ReportOptions): Promise<void>;
  /** `startup` (startup/command.ts); the command exists only when given. */
  startup?(options: StartupOptions): Promise<void>;
}

export const DEFAULT_RULES_FILE = 'threadmpi-rules.json';
const TUNABLE = Object.keys(COLLECTIVE_BENCHMARKS);

function sweepFlags(command: Command): Command {
  return command
    .option('-n, --ranks <list>', 'rank counts to run, comma-separated (e.g. 2,4)', parseRankList)
    .option('-m, --message-size <[min:]max>', 'message sizes in bytes, OSU style (e.g. 0:4M)', parseSizeRange)
    .option('-i, --iterations <count>', 'timed iterations per size (default: OSU defaults)', parsePositiveInteger)
    .option('-x, --warmup <count>', 'untimed warm-up iterations per size (default: OSU defaults)', parseNonNegativeInteger)
    .option('--json <file>', 'also write the full report as JSON')
    .option('--csv <file>', 'also write the figures as CSV')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .addOption(formatOption())
    .option('--quiet', 'no progress bar', false);
}

function formatOption(): Option {
  return new Option('--format <style>', 'text printed on stdout: OSU tables, IMB t_min/t_max/t_avg, or nccl-tests algbw/busbw')
    .choices(TEXT_FORMATS)
    .default('osu');
}

export function buildProgram(actions: Actions): Command {
  const listing = registryListing();
  const nameWidth = Math.max(...listing.map(({ name }) => name.length));
  const program = new Command('threadmpi-bench')
    .description('OSU-style benchmarks of threadmpi, side by side with postMessage, memcpy and native MPI')
    .version(BENCH_VERSION)
    // The subcommands share flag names with the root: a flag after `tune` or `report` is theirs.
    .enablePositionalOptions()
    .addArgument(new Argument('<name>', 'benchmark or suite to run').choices(listing.map(({ name }) => name)));
  sweepFlags(program)
    .option('--algo <name|list|all>', 'collective algorithms to measure (default: the core\'s own choice, "default")', parseVariantList)
    .option('-s, --sync <mode|list|all>', 'one-sided synchronisation: flush, lock, lock_all, fence, pscw or all (default flush)', parseVariantList)
    .option('-w, --window <how>', 'one-sided window creation: allocate (Win.Allocate) or create (Win.Create)', choiceParser(WINDOW_CREATIONS))
    .option('--compare-mpi', 'also run the native C counterpart on the machine\'s MPI and add ratio columns')
    .option('--no-compare-mpi', 'never run native MPI, even in suites that do by default')
    .option('--no-baselines', 'skip the postMessage, copy and spin baselines')
    .option(
      '--checks <on|off|both>',
      'threadmpi\'s collective-mismatch checks and leftovers report: on (default), off (checks: false), or both, interleaved per size to measure what checking costs',
      choiceParser(CHECKS_SETTINGS),
    )
    .addHelpText('after', `\nBenchmarks and suites:\n${listing.map(({ name, description }) => `  ${name.padEnd(nameWidth)}  ${description}`).join('\n')}\n${variantHelp()}`)
    .action((name: string, options: CliOptions) => actions.bench(name, options));

  sweepFlags(program.command('tune'))
    .description('measure every algorithm over (ranks, size) and write the fastest as a collective rules file')
    .option('-c, --collectives <list>', `collectives to tune (default: all of ${TUNABLE.join(', ')})`, parseCollectives, TUNABLE)
    .option('-o, --output <file>', 'rules file to write (load it with THREADMPI_COLL_RULES=<file>)', DEFAULT_RULES_FILE)
    .option('--margin <percent>', 'write a rule only where the best algorithm beats the core\'s own choice by this much', parseNonNegativeInteger, 5)
    .action((options: TuneOptions) => actions.tune(options));

  program
    .command('report')
    .description('render saved --json reports again: as text, Markdown or HTML')
    .argument('<json...>', 'reports written by --json')
    .option('--markdown <file>', 'write a Markdown summary with ratios against the baselines (docs/performance.md)')
    .option('--html <file>', 'write the HTML report')
    .addOption(formatOption())
    .action((files: string[], options: ReportOptions) => actions.report(files, options));

  if (actions.startup !== undefined) {
    const startup = actions.startup;
    program
      .command('startup')
      .description('time `threadmpi run -n N` of a hello-world against `mpirun -n N` of the C one and `node -e 0`')
      .option('-n, --ranks <n>', 'ranks', parsePositiveInteger, 4)
      .option('-r, --runs <count>', 'timed rounds (one run of each command per round)', parsePositiveInteger, 20)
      .option('-x, --warmup <count>', 'untimed rounds first', parseNonNegativeInteger, 2)
      .option('--ts', 'also time the TypeScript hello-world', false)
      .option('--no-compare-mpi', 'leave out mpirun even when it is installed')
      .option('--json <file>', 'also write the figures as JSON')
      .action((options: StartupOptions) => startup(options));
  }
  return program;
}

/** The names --algo and --sync take, per benchmark family. */
function variantHelp(): string {
  const lines = Object.entries(BENCHMARKS).flatMap(([name, entry]) => {
    const axis = entry.variants;
    if (axis === null || (axis.kind === 'sync' && name !== 'put_latency')) return [];
    const flag = axis.kind === 'algorithm' ? `--algo for ${name}` : '--sync for one-sided benchmarks';
    return [`  ${flag}: ${axis.names.join(', ')}, all`];
  });
  return `\nVariants:\n${lines.join('\n')}\n`;
}

function parseCollectives(text: string): string[] {
  const names = text.split(',').map((part) => part.trim());
  const unknown = names.find((name) => !TUNABLE.includes(name));
  if (unknown !== undefined) throw new InvalidArgumentError(`unknown collective "${unknown}" (known: ${TUNABLE.join(', ')})`);
  return names;
}
