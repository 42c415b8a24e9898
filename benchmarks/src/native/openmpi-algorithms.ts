/**
 * threadmpi's collective algorithms under Open MPI's coll/tuned numbering (`ompi_info --param coll
 * tuned --level 9` lists them), so a native run can be forced to the same algorithm as the threadmpi
 * variant it is compared with: `--mca coll_tuned_use_dynamic_rules 1 --mca coll_tuned_<c>_algorithm N`.
 * Algorithms Open MPI lacks (threadmpi's shared-memory ones) are compared with Open MPI's own choice.
 */
const OPENMPI_ALGORITHMS: Readonly<Record<string, Readonly<Record<string, readonly [id: number, name: string]>>>> = {
  allreduce: { linear: [1, 'basic_linear'], reduce_bcast: [2, 'nonoverlapping'], recursive_doubling: [3, 'recursive_doubling'], ring: [4, 'ring'], rabenseifner: [6, 'rabenseifner'] },
  bcast: { linear: [1, 'basic_linear'], pipeline: [3, 'pipeline'], binomial: [6, 'binomial'], scatter_allgather: [8, 'scatter_allgather'] },
  reduce: { linear: [1, 'linear'], binomial: [5, 'binomial'] },
  allgather: { linear: [1, 'linear'], bruck: [2, 'bruck'], recursive_doubling: [3, 'recursive_doubling'], ring: [4, 'ring'] },
  alltoall: { linear: [1, 'linear'], pairwise: [2, 'pairwise'], bruck: [3, 'modified_bruck'] },
  // Open MPI's "bruck" barrier is the dissemination algorithm.
  barrier: { dissemination: [4, 'bruck'], tree: [6, 'tree'] },
  reduce_scatter: { linear: [1, 'non-overlapping'], ring: [3, 'ring'] },
  gather: { linear: [1, 'basic_linear'] },
  scatter: { linear: [1, 'basic_linear'] },
};

export interface ForcedAlgorithm {
  /** mpirun arguments that force it. */
  readonly mpirunArgs: readonly string[];
  /** For notes: `Open MPI coll_tuned allreduce algorithm 4 (ring)`. */
  readonly description: string;
}

export function openmpiAlgorithm(collective: string, algorithm: string): ForcedAlgorithm | null {
  const found = OPENMPI_ALGORITHMS[collective]?.[algorithm];
  if (found === undefined) return null;
  const [id, name] = found;
  return {
    mpirunArgs: ['--mca', 'coll_tuned_use_dynamic_rules', '1', '--mca', `coll_tuned_${collective}_algorithm`, String(id)],
    description: `Open MPI coll_tuned ${collective} algorithm ${id} (${name})`,
  };
}
