/**
 * Cartesian topologies (MPI_Cart_* / mpi4py's Cartcomm): a communicator whose ranks are laid out
 * on a grid of `dims`, in row-major order (the last dimension varies fastest), with each dimension
 * optionally periodic. `Compute_dims` proposes a balanced grid for a number of ranks.
 */
import { PROC_NULL } from './constants.js';
import { mpiError } from './errors.js';
import { Intracomm, registerCartcomm } from './Intracomm.js';
import type { CommState } from './runtime/comm-state.js';
import { blocking } from './collectives/api/start.js';
import { splitPlan } from './collectives/comm/split.js';

/** @internal */
export interface CartTopology {
  readonly dims: readonly number[];
  readonly periods: readonly boolean[];
}

export class Cartcomm extends Intracomm {
  /** @internal */
  constructor(state: CommState, private readonly topology: CartTopology) {
    super(state);
  }

  /** Dup keeps the topology, as MPI_Comm_dup does. */
  protected override derive(state: CommState): this {
    return new Cartcomm(state, this.topology) as this;
  }

  get dims(): number[] {
    return [...this.topology.dims];
  }

  get periods(): boolean[] {
    return [...this.topology.periods];
  }

  get ndim(): number {
    return this.topology.dims.length;
  }

  /** This rank's coordinates. */
  get coords(): number[] {
    return this.Get_coords(this.rank);
  }

  /** [dims, periods, coords], as mpi4py's `topo`. */
  get topo(): [number[], boolean[], number[]] {
    return [this.dims, this.periods, this.coords];
  }

  Get_dim(): number {
    return this.ndim;
  }

  Get_topo(): [number[], boolean[], number[]] {
    return this.topo;
  }

  /** The rank at `coords`; periodic dimensions wrap, others must be in range. */
  Get_cart_rank(coords: readonly number[]): number {
    this.state.check('Get_cart_rank');
    const { dims, periods } = this.topology;
    if (!Array.isArray(coords) || coords.length !== dims.length) {
      throw mpiError('ERR_ARG', `Get_cart_rank: expected ${dims.length} coordinates, got ${JSON.stringify(coords)}`);
    }
    let rank = 0;
    for (let d = 0; d < dims.length; d++) {
      let c = coords[d]!;
      if (!Number.isInteger(c)) throw mpiError('ERR_ARG', `Get_cart_rank: coordinate ${d} must be an integer, got ${c}`);
      if (periods[d]) c = ((c % dims[d]!) + dims[d]!) % dims[d]!;
      else if (c < 0 || c >= dims[d]!) {
        throw mpiError('ERR_ARG', `Get_cart_rank: coordinate ${d} must be in 0..${dims[d]! - 1} (dimension ${d} is not periodic), got ${c}`);
      }
      rank = rank * dims[d]! + c;
    }
    return rank;
  }

  /** The coordinates of `rank`. */
  Get_coords(rank: number): number[] {
    this.state.check('Get_coords');
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.size) {
      throw mpiError('ERR_RANK', `Get_coords: rank must be in 0..${this.size - 1}, got ${rank}`);
    }
    const { dims } = this.topology;
    const coords = new Array<number>(dims.length);
    for (let d = dims.length - 1; d >= 0; d--) {
      coords[d] = rank % dims[d]!;
      rank = Math.floor(rank / dims[d]!);
    }
    return coords;
  }

  /**
   * `[source, dest]` for a shift by `disp` along `direction`: this rank receives from `source` and
   * sends to `dest`. Off the edge of a non-periodic dimension, either is PROC_NULL.
   */
  Shift(direction: number, disp = 1): [number, number] {
    this.state.check('Shift');
    const { dims, periods } = this.topology;
    if (!Number.isInteger(direction) || direction < 0 || direction >= dims.length) {
      throw mpiError('ERR_ARG', `Shift: direction must be a dimension in 0..${dims.length - 1}, got ${direction}`);
    }
    if (!Number.isInteger(disp)) throw mpiError('ERR_ARG', `Shift: disp must be an integer, got ${disp}`);
    const here = this.coords;
    const neighbour = (delta: number): number => {
      const c = [...here];
      c[direction] = c[direction]! + delta;
      if (!periods[direction] && (c[direction]! < 0 || c[direction]! >= dims[direction]!)) return PROC_NULL;
      return this.Get_cart_rank(c);
    };
    return [neighbour(-disp), neighbour(disp)];
  }

  /** The sub-grids keeping the dimensions where `remainDims` is true (collective). */
  Sub(remainDims: readonly boolean[]): Cartcomm {
    const s = this.state.check('Sub');
    const { dims, periods } = this.topology;
    if (!Array.isArray(remainDims) || remainDims.length !== dims.length) {
      throw mpiError('ERR_ARG', `Sub: expected ${dims.length} booleans (one per dimension), got ${JSON.stringify(remainDims)}`);
    }
    // Ranks sharing their coordinates in the dropped dimensions form one sub-grid.
    let color = 0;
    const here = this.coords;
    for (let d = 0; d < dims.length; d++) if (!remainDims[d]) color = color * dims[d]! + here[d]!;
    const state = blocking(splitPlan(s, 'Sub', color, this.rank))!;
    const keep = (_: unknown, d: number) => Boolean(remainDims[d]);
    return new Cartcomm(state, { dims: dims.filter(keep), periods: periods.filter(keep) });
  }
}

/** @internal Validate a Create_cart request; returns the grid's rank count. */
export function checkCart(dims: readonly number[], periods: readonly boolean[] | undefined, size: number, comm: string): number {
  if (!Array.isArray(dims) || !dims.every((d) => Number.isInteger(d) && d > 0)) {
    throw mpiError('ERR_ARG', `Create_cart: dims must be an array of positive integers, got ${JSON.stringify(dims)}`);
  }
  if (periods !== undefined && (!Array.isArray(periods) || periods.length !== dims.length)) {
    throw mpiError('ERR_ARG', `Create_cart: periods must have one entry per dimension (${dims.length}), got ${JSON.stringify(periods)}`);
  }
  const n = dims.reduce((a, b) => a * b, 1);
  if (n > size) throw mpiError('ERR_ARG', `Create_cart: a ${dims.join(' x ')} grid needs ${n} ranks but ${comm} has ${size}`);
  return n;
}

registerCartcomm((state, dims, periods) => new Cartcomm(state, { dims: [...dims], periods: [...periods] }), checkCart);

/**
 * A balanced grid of `nnodes` ranks (MPI_Dims_create): `dims` is the number of dimensions, or an
 * array where non-zero entries are fixed and zeros are to be chosen. Chosen dimensions are as close
 * to each other as possible, in non-increasing order.
 */
export function Compute_dims(nnodes: number, dims: number | readonly number[]): number[] {
  if (!Number.isInteger(nnodes) || nnodes < 1) throw mpiError('ERR_ARG', `Compute_dims: nnodes must be a positive integer, got ${nnodes}`);
  const out = typeof dims === 'number' ? new Array<number>(checkNdims(dims)).fill(0) : [...dims];
  if (!out.every((d) => Number.isInteger(d) && d >= 0)) {
    throw mpiError('ERR_ARG', `Compute_dims: dims must be non-negative integers (0 = to be chosen), got ${JSON.stringify(dims)}`);
  }
  const fixed = out.reduce((a, d) => (d > 0 ? a * d : a), 1);
  const free = out.flatMap((d, i) => (d === 0 ? [i] : []));
  if (nnodes % fixed !== 0 || (free.length === 0 && fixed !== nnodes)) {
    throw mpiError('ERR_ARG', `Compute_dims: ${nnodes} ranks cannot be laid out with the fixed dimensions ${JSON.stringify(dims)}`);
  }
  const chosen = balancedFactors(nnodes / fixed, free.length);
  free.forEach((i, k) => (out[i] = chosen[k]!));
  return out;
}

function checkNdims(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw mpiError('ERR_ARG', `Compute_dims: ndims must be a non-negative integer, got ${n}`);
  return n;
}

/** `k` factors of `n`, non-increasing, with the smallest spread between largest and smallest. */
function balancedFactors(n: number, k: number): number[] {
  if (k === 0) return [];
  let best: number[] = [];
  let bestSpread = Infinity;
  const chosen: number[] = [];
  const divisors: number[] = [];
  for (let d = n; d >= 1; d--) if (n % d === 0) divisors.push(d);
  // Depth-first over non-increasing factor lists; a factor below the k-th root of what remains
  // would force a later factor above it, so those branches are skipped.
  const search = (rest: number, left: number, upper: number): void => {
    if (left === 1) {
      if (rest > upper) return;
      const spread = chosen.length === 0 ? 0 : chosen[0]! - rest;
      if (spread < bestSpread) {
        bestSpread = spread;
        best = [...chosen, rest];
      }
      return;
    }
    for (const d of divisors) {
      if (d > upper || rest % d !== 0) continue;
      if (d ** left < rest) break;
      chosen.push(d);
      search(rest / d, left - 1, d);
      chosen.pop();
    }
  };
  search(n, k, n);
  return best;
}
