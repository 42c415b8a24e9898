import { firstLineOf } from '../errors.js';
import { measureNative, nativeArguments } from '../native/measure.js';
import type { BenchmarkPlan } from '../plan.js';
import type { RunContext } from './runner.js';
import type { Comparison } from './table.js';

/**
 * The native counterpart's figures, cached by rank count and argument list: a counterpart that
 * ignores the variant (collectives: the MPI library picks its own algorithm) runs once per rank count.
 */
export class NativeRuns {
  private readonly cache = new Map<string, Comparison | string>();

  constructor(
    private readonly plan: BenchmarkPlan,
    private readonly context: RunContext,
  ) {}

  /** The comparison, a note saying why there is none, or null when native MPI was not asked for. */
  async comparison(ranks: number, variant: string | null, label: string): Promise<Comparison | string | null> {
    const { native } = this.context;
    const counterpart = this.plan.entry.native;
    if (native === null || counterpart === null) return null;
    if (!native.found) return native.message;
    const args = nativeArguments(counterpart, variant, this.plan.rankArgs);
    const key = `${ranks}:${args.join(' ')}`;
    let figures = this.cache.get(key);
    if (figures === undefined) {
      figures = await this.context.progress.unit(`${label} native MPI`, () =>
        measureNative(native.mpi, counterpart.program, args, ranks, this.plan.steps).then(
          (values): Comparison => ({ key: 'native', label: 'native', values }),
          (error: unknown) => `native MPI run failed (${firstLineOf(error)}); skipping`,
        ),
      );
      this.cache.set(key, figures);
    }
    return figures;
  }
}

