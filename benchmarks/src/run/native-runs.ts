import { firstLineOf } from '../errors.js';
import type { NativeMpi } from '../native/detect.js';
import { counterpartColumn, CounterpartMissing, measureMpi4py, measureNative, nativeArguments } from '../native/measure.js';
import { openmpiAlgorithm, type ForcedAlgorithm } from '../native/openmpi-algorithms.js';
import type { BenchmarkPlan } from '../plan.js';
import type { RunContext } from './runner.js';
import type { Comparison } from './table.js';

/** What the native side contributes to one result. */
export interface NativeOutcome {
  readonly comparison: Comparison | null;
  /** What the native side ran (a forced algorithm), or why it did not run. */
  readonly note: string | null;
  /** The variant the native run matched; null when the MPI library chose its own algorithm. */
  readonly variant: string | null;
}

interface NativeJob {
  readonly key: string;
  readonly args: readonly string[];
  readonly forced: ForcedAlgorithm | null;
  readonly variant: string | null;
}

/**
 * The native counterpart's runs for one plan. A collective variant whose algorithm Open MPI also has
 * runs forced to it (native/openmpi-algorithms.ts); the others, and other MPI libraries, use the
 * library's own choice. Runs are cached by rank count and arguments, so a counterpart that ignores
 * the variant runs once per rank count.
 */
export class NativeRuns {
  private readonly cache = new Map<string, Comparison | string>();

  constructor(
    private readonly plan: BenchmarkPlan,
    private readonly context: RunContext,
  ) {}

  private job(mpi: NativeMpi, ranks: number, variant: string | null): NativeJob | null {
    const { entry, rankArgs } = this.plan;
    const counterpart = entry.native;
    if (counterpart === null) return null;
    const args = nativeArguments(counterpart, variant, rankArgs);
    const collective = entry.collective?.collective;
    const forced = collective !== undefined && variant !== null && mpi.flavor === 'openmpi' ? openmpiAlgorithm(collective, variant) : null;
    const launcher = forced?.mpirunArgs ?? [];
    return {
      key: `${ranks}:${launcher.join(' ')}:${args.join(' ')}`,
      args,
      forced,
      variant: counterpart.variantArg || forced !== null ? variant : null,
    };
  }

  /** How many native runs the plan will make (for the progress bar). */
  count(): number {
    const { native } = this.context;
    if (native?.found !== true) return 0;
    const keys = new Set<string>();
    for (const ranks of this.plan.ranks) {
      for (const variant of this.plan.variants) {
        const job = this.job(native.mpi, ranks, variant);
        if (job !== null) keys.add(job.key);
      }
    }
    return keys.size;
  }

  /** The native figures for (ranks, variant); null when native MPI was not asked for. */
  async outcome(ranks: number, variant: string | null, label: string): Promise<NativeOutcome | null> {
    const { native } = this.context;
    if (native === null || this.plan.entry.native === null) return null;
    if (!native.found) return { comparison: null, note: native.message, variant: null };
    const job = this.job(native.mpi, ranks, variant)!;
    let figures = this.cache.get(job.key);
    if (figures === undefined) {
      const counterpart = this.plan.entry.native;
      const column = counterpartColumn(counterpart);
      const run =
        counterpart.runtime === 'mpi4py'
          ? () => measureMpi4py(native.mpi, counterpart.program, job.args, ranks, this.plan.steps)
          : () => measureNative(native.mpi, counterpart.program, job.args, ranks, this.plan.steps, job.forced?.mpirunArgs);
      figures = await this.context.progress.unit(`${label} ${column.label}`, () =>
        run().then(
          (values): Comparison => ({ ...column, values }),
          (error: unknown) =>
            error instanceof CounterpartMissing ? error.message : `${column.label} run failed (${firstLineOf(error)}); skipping`,
        ),
      );
      this.cache.set(job.key, figures);
    }
    if (typeof figures === 'string') return { comparison: null, note: figures, variant: null };
    const chosen = this.plan.entry.variants?.kind === 'algorithm' ? 'native: the MPI library\'s own algorithm choice' : null;
    return { comparison: figures, note: job.forced === null ? chosen : `native: ${job.forced.description}`, variant: job.variant };
  }
}
