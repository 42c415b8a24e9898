// Communicator constructors and groups: Split (colors, keys, UNDEFINED, nesting), Create with a
// group, Cartesian grids (coords, ranks, shifts, sub-grids) and Group operations. Written for a
// communicator of at least 3 ranks (the grid checks want 7: a 2 x 3 grid and one rank outside).
import { COMM_SELF, CONGRUENT, Group, IDENT, PROC_NULL, SIMILAR, SUM, UNDEFINED, UNEQUAL } from 'threadmpi';
import { Report } from './coll-reference.mjs';

const done = (report) => ({ checks: report.checks, failures: report.failures });

export function split(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  // Odd and even ranks; keys reverse the order inside each half.
  const half = comm.Split(rank % 2, size - rank);
  const members = Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === rank % 2).reverse();
  report.equal('Split odd/even: size and rank', [members.length, members.indexOf(rank)], [half.size, half.rank]);
  report.equal('Split: collectives stay inside the half', members.reduce((a, b) => a + b, 0), half.allreduce(rank, SUM));
  report.equal('Split: the group lists the members in key order', members, half.Get_group().Translate_ranks(members.map((_, i) => i), comm.Get_group()));
  // Point-to-point inside the half: a ring.
  const right = (half.rank + 1) % half.size;
  const left = (half.rank - 1 + half.size) % half.size;
  report.equal('Split: point-to-point by sub-communicator ranks', members[left], half.sendrecv(rank, right, 1, left, 1));

  // Nested: split the half again by rank/2 parity; equal keys keep the parent's order.
  const quarter = half.Split(Math.floor(half.rank / 2) % 2);
  const inQuarter = members.filter((_, i) => Math.floor(i / 2) % 2 === Math.floor(half.rank / 2) % 2);
  report.equal('nested Split', [inQuarter.length, inQuarter.indexOf(rank)], [quarter.size, quarter.rank]);
  report.equal('nested Split: allgather of world ranks', inQuarter, quarter.allgather(rank));

  // UNDEFINED: those ranks get null; the others still get their communicator.
  const some = comm.Split(rank === 0 ? UNDEFINED : 0);
  report.equal('Split(UNDEFINED) returns null', true, rank === 0 ? some === null : some !== null && some.size === size - 1);
  if (some !== null) report.equal('the rest form one communicator', size - 1, some.allreduce(1, SUM));

  const inOrder = comm.Split(0, rank);
  const reversed = comm.Split(0, -rank);
  report.equal('Compare: a Split of everyone in order is CONGRUENT', CONGRUENT, comm.Compare(inOrder));
  report.equal('Compare: reversed order is SIMILAR', SIMILAR, comm.Compare(reversed));
  for (const c of [half, quarter, some, inOrder, reversed]) c?.Free();
  return done(report);
}

export function cartesian(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  // 2 x 3 grid, periodic in dimension 1 only; ranks from 6 up are outside it.
  const grid = comm.Create_cart([2, 3], [false, true]);
  if (rank >= 6) {
    report.equal('ranks outside the grid get null', null, grid);
    return done(report);
  }
  const coords = [Math.floor(rank / 3), rank % 3];
  report.equal('dims, periods, coords', [[2, 3], [false, true], coords], [grid.dims, grid.periods, grid.coords]);
  report.equal('Get_cart_rank(coords) inverts coords', rank, grid.Get_cart_rank(coords));
  report.equal('Get_cart_rank wraps periodic dimensions', coords[0] * 3 + ((coords[1] + 4) % 3), grid.Get_cart_rank([coords[0], coords[1] + 4]));
  report.equal('Get_coords of every rank', [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]], [0, 1, 2, 3, 4, 5].map((r) => grid.Get_coords(r)));
  // Dimension 0 is not periodic: the edges get PROC_NULL.
  const [up, down] = grid.Shift(0, 1);
  report.equal('Shift along a non-periodic dimension', [coords[0] === 0 ? PROC_NULL : rank - 3, coords[0] === 1 ? PROC_NULL : rank + 3], [up, down]);
  const [west, east] = grid.Shift(1, 1);
  report.equal('Shift along a periodic dimension', [coords[0] * 3 + ((coords[1] + 2) % 3), coords[0] * 3 + ((coords[1] + 1) % 3)], [west, east]);
  report.equal('Shift by 2 wraps round like a shift by -1', grid.Shift(1, -1), grid.Shift(1, 2));
  // A halo exchange along the periodic dimension: everyone gets its west neighbour's rank.
  report.equal('sendrecv along the shift', west, grid.sendrecv(rank, east, 0, west, 0));
  // Collectives work on the grid, and Dup keeps the topology.
  report.equal('allreduce on the grid', 15, grid.allreduce(rank, SUM));
  const dup = grid.Dup();
  report.equal('Dup keeps the topology', [[2, 3], coords], [dup.dims, dup.coords]);
  // Rows: keep dimension 1.
  const row = grid.Sub([false, true]);
  report.equal('Sub([false, true]) is my row', [[3], [true], [coords[1]], [0, 1, 2].map((c) => coords[0] * 3 + c)], [row.dims, row.periods, row.coords, row.allgather(rank)]);
  for (const c of [row, dup, grid]) c.Free();
  return done(report);
}

export function groups(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const world = comm.Get_group();
  report.equal('Get_group: size and rank', [size, rank], [world.size, world.rank]);
  const evens = world.Incl(Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === 0));
  const odds = world.Excl(Array.from({ length: size }, (_, r) => r).filter((r) => r % 2 === 0));
  report.equal('Incl/Excl sizes', [Math.ceil(size / 2), Math.floor(size / 2)], [evens.size, odds.size]);
  report.equal('rank in a group it is not part of is UNDEFINED', rank % 2 === 0 ? [rank / 2, UNDEFINED] : [UNDEFINED, (rank - 1) / 2], [evens.rank, odds.rank]);
  report.equal('Translate_ranks', [0, UNDEFINED, PROC_NULL, 1], world.Translate_ranks([0, 1, PROC_NULL, 2], evens));
  const reversed = world.Incl(Array.from({ length: size }, (_, r) => size - 1 - r));
  report.equal('Compare: same, subset, reordered', [IDENT, UNEQUAL, SIMILAR], [world.Compare(comm.Get_group()), evens.Compare(world), world.Compare(reversed)]);
  report.equal('Union, Intersection, Difference', [size, 0, evens.size], [Group.Union(evens, odds).size, Group.Intersection(evens, odds).size, Group.Difference(world, odds).size]);
  // Create: a communicator of the even ranks; odd ranks get null.
  const evenComm = comm.Create(evens);
  report.equal('Create(group)', rank % 2 === 0 ? [evens.size, rank / 2] : null, evenComm === null ? null : [evenComm.size, evenComm.rank]);
  if (evenComm !== null) {
    report.equal('Create(group): collectives', evens.size, evenComm.allreduce(1, SUM));
    evenComm.Free();
  }
  report.equal('COMM_SELF group', [1, 0], [COMM_SELF.Get_group().size, COMM_SELF.Get_group().rank]);
  return done(report);
}
