/**
 * `threadmpi-bench tune`: every registered algorithm of each collective over a grid of (ranks, size),
 * then the fastest per point written as a rules file the core loads with THREADMPI_COLL_RULES.
 */
import { writeFile } from 'node:fs/promises';
import { bestAlgorithms } from '../analysis/best.js';
import { COLLECTIVE_BENCHMARKS } from '../entries/collectives.js';
import { KiB, type IterationPolicy } from '../sizes.js';
import { planMember, type BenchmarkPlan } from '../plan.js';
import type { TuneOptions } from '../program.js';
import type { BenchReport } from '../report.js';
import { emitReport, runSweep } from '../run/session.js';
import { collectiveRules, DEFAULT_MARGIN, type RulesDocument } from './rules.js';

type CollectiveBenchmark = keyof typeof COLLECTIVE_BENCHMARKS;

/** Enough iterations to rank algorithms that differ by more than noise, without a sweep taking hours. */
const TUNE_ITERATIONS: IterationPolicy = {
  small: { iterations: 300, warmup: 30 },
  large: { iterations: 30, warmup: 3 },
  largeAbove: 8 * KiB,
};
const TUNE_RANKS = [2, 4, 8];

export function tunePlans(options: TuneOptions): BenchmarkPlan[] {
  return options.collectives.map((name) => {
    const benchmark = name as CollectiveBenchmark;
    const axis = COLLECTIVE_BENCHMARKS[benchmark].variants;
    return planMember(
      {
        benchmark,
        ranks: TUNE_RANKS,
        iterations: TUNE_ITERATIONS,
        // `default` too: where it is about as fast as the best, the rules leave the choice to the core.
        variants: axis.names,
      },
      { ranks: options.ranks, sizeRange: options.messageSize, iterations: options.iterations, warmup: options.warmup },
      // Not strict: -m narrows the sizes of those that have several, and leaves barrier alone.
      false,
    );
  });
}

export function rulesFromReport(report: BenchReport, collectives: readonly string[], margin = DEFAULT_MARGIN): RulesDocument {
  const { machine } = report;
  const entries = collectives.map((name) => {
    const shape = COLLECTIVE_BENCHMARKS[name as CollectiveBenchmark].collective;
    return [shape.collective, collectiveRules(shape, bestAlgorithms(report.results, name), margin)] as const;
  });
  return {
    rule_file_version: 3,
    module: 'tuned',
    generated_by: {
      tool: `${report.tool} ${report.version} tune`,
      date: machine.date,
      machine: `${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}`,
    },
    collectives: Object.fromEntries(entries.filter(([, rules]) => rules.length > 0)),
  };
}

export async function runTune(options: TuneOptions): Promise<void> {
  const report = await runSweep(tunePlans(options), { compareMpi: false, baselines: false, quiet: options.quiet });
  await emitReport(report, options);
  const rules = rulesFromReport(report, options.collectives, options.margin / 100);
  await writeFile(options.output, `${JSON.stringify(rules, null, 2)}\n`);
  process.stderr.write(`wrote ${options.output}; use it with THREADMPI_COLL_RULES=${options.output}\n`);
}
