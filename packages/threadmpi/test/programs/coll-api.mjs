// The collective API around the algorithms: IN_PLACE, the v-variants, nonblocking forms,
// derived datatypes, and isolation from point-to-point traffic. Each export returns a Report's
// failures (and check count) so one job checks many behaviours.
import { ANY_SOURCE, ANY_TAG, FLOAT64, IN_PLACE, MAX, Request, SUM, Status } from 'threadmpi';
import { CONCAT, Report, contribution, reference } from './coll-reference.mjs';

const done = (report) => ({ checks: report.checks, failures: report.failures });
const iota = (n, from = 0) => Float64Array.from({ length: n }, (_, i) => from + i);

/** Every collective that accepts IN_PLACE, against the same call with separate buffers. */
export function inPlace(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const n = 5;
  const root = size - 1;

  const all = new Float64Array(n * size).fill(-1);
  all.set(contribution(rank, n, 1), rank * n);
  comm.Allgather(IN_PLACE, all);
  const expectAll = new Float64Array(n * size);
  for (let r = 0; r < size; r++) expectAll.set(contribution(r, n, 1), r * n);
  report.same('Allgather(IN_PLACE)', expectAll, all);

  const sum = contribution(rank, n, 2);
  comm.Allreduce(IN_PLACE, sum, SUM);
  report.same('Allreduce(IN_PLACE)', reference('sum', 0, size, n, 2), sum);

  const red = contribution(rank, n, 3);
  comm.Reduce(rank === root ? IN_PLACE : red, rank === root ? red : null, SUM, root);
  if (rank === root) report.same('Reduce(IN_PLACE) at the root', reference('sum', 0, size, n, 3), red);
  else report.same('Reduce leaves a non-root sendbuf alone', contribution(rank, n, 3), red);

  const gathered = new Float64Array(n * size).fill(-1);
  if (rank === root) gathered.set(contribution(root, n, 4), root * n);
  comm.Gather(rank === root ? IN_PLACE : contribution(rank, n, 4), rank === root ? gathered : null, root);
  if (rank === root) {
    const expected = new Float64Array(n * size);
    for (let r = 0; r < size; r++) expected.set(contribution(r, n, 4), r * n);
    report.same('Gather(IN_PLACE) at the root', expected, gathered);
  }

  const source = new Float64Array(n * size);
  for (let r = 0; r < size; r++) source.set(contribution(r, n, 5), r * n);
  const mine = new Float64Array(n).fill(-1);
  comm.Scatter(rank === root ? source : null, rank === root ? IN_PLACE : mine, root);
  if (rank !== root) report.same('Scatter with IN_PLACE at the root', contribution(rank, n, 5), mine);

  const a2a = new Float64Array(size * 2);
  for (let to = 0; to < size; to++) a2a.set([rank * 100 + to, -rank], to * 2);
  comm.Alltoall(IN_PLACE, a2a);
  const expectA2a = new Float64Array(size * 2);
  for (let from = 0; from < size; from++) expectA2a.set([from * 100 + rank, -from], from * 2);
  report.same('Alltoall(IN_PLACE)', expectA2a, a2a);

  const scan = contribution(rank, n, 6);
  comm.Scan(IN_PLACE, scan, SUM);
  report.same('Scan(IN_PLACE)', reference('sum', 0, rank + 1, n, 6), scan);

  const exscan = contribution(rank, n, 7);
  comm.Exscan(IN_PLACE, exscan, SUM);
  report.same('Exscan(IN_PLACE)', rank === 0 ? contribution(0, n, 7) : reference('sum', 0, rank, n, 7), exscan);

  // Reduce_scatter_block(IN_PLACE): recvbuf holds size x n inputs, the result is its first block.
  const rsb = contribution(rank, n * size, 8);
  comm.Reduce_scatter_block(IN_PLACE, rsb, SUM);
  report.same('Reduce_scatter_block(IN_PLACE)', reference('sum', 0, size, n * size, 8).subarray(rank * n, rank * n + n), rsb.subarray(0, n));
  report.same('Reduce_scatter_block(IN_PLACE) leaves the rest', contribution(rank, n * size, 8).subarray(n), rsb.subarray(n));

  const counts = Array.from({ length: size }, (_, r) => r + 1);
  const total = counts.reduce((x, y) => x + y, 0);
  const offset = counts.slice(0, rank).reduce((x, y) => x + y, 0);
  const rs = contribution(rank, total, 9);
  comm.Reduce_scatter(IN_PLACE, rs, counts, SUM);
  report.same('Reduce_scatter(IN_PLACE)', reference('sum', 0, size, total, 9).subarray(offset, offset + counts[rank]), rs.subarray(0, counts[rank]));
  return done(report);
}

/** Scatterv, Gatherv, Allgatherv, Alltoallv with uneven (and empty) blocks and explicit displacements. */
export function vectors(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const root = size >> 1;
  const counts = Array.from({ length: size }, (_, r) => r % 3);
  // Blocks laid out backwards with a gap of one, so displacements matter.
  const displs = [];
  let at = 1;
  for (let r = size - 1; r >= 0; r--) {
    displs[r] = at;
    at += counts[r] + 1;
  }
  const span = at;
  const expectLaidOut = (salt) => {
    const out = new Float64Array(span).fill(-1);
    for (let r = 0; r < size; r++) out.set(contribution(r, counts[r], salt), displs[r]);
    return out;
  };

  const gathered = rank === root ? new Float64Array(span).fill(-1) : null;
  comm.Gatherv(contribution(rank, counts[rank], 1), rank === root ? [gathered, counts, displs] : null, root);
  if (rank === root) report.same('Gatherv', expectLaidOut(1), gathered);

  const scattered = new Float64Array(counts[rank]).fill(-1);
  comm.Scatterv(rank === root ? [expectLaidOut(2), counts, displs] : null, scattered, root);
  report.same('Scatterv', contribution(rank, counts[rank], 2), scattered);

  const everywhere = new Float64Array(span).fill(-1);
  comm.Allgatherv(contribution(rank, counts[rank], 3), [everywhere, counts, displs]);
  report.same('Allgatherv', expectLaidOut(3), everywhere);

  const inPlace = new Float64Array(span).fill(-1);
  inPlace.set(contribution(rank, counts[rank], 3), displs[rank]);
  comm.Allgatherv(IN_PLACE, [inPlace, counts, displs]);
  report.same('Allgatherv(IN_PLACE)', expectLaidOut(3), inPlace);

  // Alltoallv: rank r sends (r + to) % 3 elements to rank `to`, default displacements.
  const sendCounts = Array.from({ length: size }, (_, to) => (rank + to) % 3);
  const recvCounts = Array.from({ length: size }, (_, from) => (from + rank) % 3);
  const send = new Float64Array(sendCounts.reduce((x, y) => x + y, 0));
  let s = 0;
  for (let to = 0; to < size; to++) for (let k = 0; k < sendCounts[to]; k++) send[s++] = rank * 1000 + to * 10 + k;
  const recv = new Float64Array(recvCounts.reduce((x, y) => x + y, 0)).fill(-1);
  comm.Alltoallv([send, sendCounts], [recv, recvCounts]);
  const expected = [];
  for (let from = 0; from < size; from++) for (let k = 0; k < recvCounts[from]; k++) expected.push(from * 1000 + rank * 10 + k);
  report.same('Alltoallv', Float64Array.from(expected), recv);
  return done(report);
}

/**
 * Nonblocking collectives: every I-form returns an awaitable Request; several may be in flight
 * on one communicator at once and complete in any order; they progress while the rank is blocked
 * in another call.
 */
export async function nonblocking(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const n = 3000; // above the eager limit: these move by rendezvous
  const root = size - 1;

  // Several in flight at once, started in the same order everywhere, completed in reverse order.
  const bcastBuf = rank === root ? contribution(root, n, 1) : new Float64Array(n);
  const sum = new Float64Array(n);
  const all = new Float64Array(4 * size);
  const scan = new Float64Array(n);
  const requests = [
    comm.Ibcast(bcastBuf, root),
    comm.Iallreduce(contribution(rank, n, 2), sum, SUM),
    comm.Iallgather(Float64Array.of(rank, rank, rank, rank), all),
    comm.Iscan(contribution(rank, n, 3), scan, SUM),
    comm.Ibarrier(),
  ];
  for (let k = requests.length - 1; k >= 0; k--) requests[k].wait();
  report.same('Ibcast', contribution(root, n, 1), bcastBuf);
  report.same('Iallreduce', reference('sum', 0, size, n, 2), sum);
  report.same('Iallgather', Float64Array.from({ length: 4 * size }, (_, i) => Math.floor(i / 4)), all);
  report.same('Iscan', reference('sum', 0, rank + 1, n, 3), scan);

  // Awaited: the event loop keeps running.
  const reduced = rank === root ? new Float64Array(n) : null;
  await comm.Ireduce(contribution(rank, n, 4), reduced, MAX, root);
  if (rank === root) {
    const expected = new Float64Array(n).fill(-Infinity);
    for (let r = 0; r < size; r++) contribution(r, n, 4).forEach((v, i) => (expected[i] = Math.max(expected[i], v)));
    report.same('await Ireduce', expected, reduced);
  }

  // Value forms: wait() and await return the value; waitall collects them.
  const values = Request.waitall([
    comm.ibcast(rank === 0 ? { hello: 'world' } : null, 0),
    comm.iallreduce(rank + 1, SUM),
    comm.iallgather(`r${rank}`),
    comm.igather(rank, root),
    comm.iscatter(rank === 0 ? Array.from({ length: size }, (_, r) => r * r) : null, 0),
    comm.ialltoall(Array.from({ length: size }, (_, to) => [rank, to])),
    comm.ireduce(`${rank}`, CONCAT, 0),
    comm.iscan(1, SUM),
    comm.iexscan(1, SUM),
  ]);
  report.equal('value nonblocking results', [
    { hello: 'world' },
    (size * (size + 1)) / 2,
    Array.from({ length: size }, (_, r) => `r${r}`),
    rank === root ? Array.from({ length: size }, (_, r) => r) : null,
    rank * rank,
    Array.from({ length: size }, (_, from) => [from, rank]),
    rank === 0 ? Array.from({ length: size }, (_, r) => `${r}`).join('') : null,
    rank + 1,
    rank === 0 ? null : rank,
  ], values);
  report.equal('await ibarrier', undefined, await comm.ibarrier());

  // test() polls without blocking; an outstanding request completes through test() alone.
  const polled = comm.Iallreduce(Float64Array.of(rank), new Float64Array(1), SUM);
  let polls = 0;
  while (!polled.test()[0]) polls++;
  report.check('test() completes a nonblocking collective', polls >= 0 ? null : 'unreachable');
  report.check('a completed request is inactive', polled.active ? 'still active' : null);

  // Progress while blocked elsewhere: in a binomial Ibcast from rank 0 over 4+ ranks, rank 2
  // forwards the data to rank 3. Rank 3 waits for it, then sends rank 0 the message rank 0 is
  // blocked on; rank 2 meanwhile sits in a Barrier that needs rank 0. This only ends if rank 2's
  // Ibcast moves on while rank 2 is blocked in another call, as MPI's progress rule requires.
  if (size >= 4) {
    const data = rank === 0 ? iota(4, 7) : new Float64Array(4);
    // Rank 0 starts late, so rank 2 is already blocked in the Barrier when the data reaches it.
    if (rank === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const req = comm.Ibcast(data, 0);
    if (rank === 3) {
      req.wait();
      comm.Send(data, 0, 5);
    } else if (rank === 0) {
      const got = new Float64Array(4);
      comm.Recv(got, 3, 5);
      report.same('a nonblocking bcast progresses in ranks blocked elsewhere', iota(4, 7), got);
    }
    comm.Barrier();
    req.wait();
    report.same('Ibcast data', iota(4, 7), data);
  }
  return done(report);
}

/** Collective messages never match point-to-point receives, even ANY_SOURCE/ANY_TAG ones. */
export function isolation(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;
  // A wildcard receive is posted before the collectives run, and matched only afterwards.
  const wildcard = comm.irecv(ANY_SOURCE, ANY_TAG);
  comm.bcast('payload', 0);
  comm.Allreduce(Float64Array.of(1), new Float64Array(1), SUM);
  comm.barrier();
  comm.send(`p2p from ${rank}`, next, 3);
  const status = new Status();
  const got = wildcard.wait(status);
  report.equal('the wildcard receive got the point-to-point message', [`p2p from ${prev}`, prev, 3], [got, status.source, status.tag]);
  return done(report);
}

/** Derived datatypes in collectives: a matrix column broadcast, gathered and reduced. */
export function datatypes(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const rows = 4;
  const cols = 3;
  const column = FLOAT64.Create_vector(rows, 1, cols).Commit();
  // Bcast column 1 of the root's matrix into column 2 of everyone's.
  const matrix = new Float64Array(rows * cols).fill(-1);
  if (rank === 0) for (let r = 0; r < rows; r++) matrix[r * cols + 1] = 10 + r;
  const target = rank === 0 ? matrix.subarray(1) : matrix.subarray(2);
  comm.Bcast([target, 1, column], 0);
  const col = (m, c) => Float64Array.from({ length: rows }, (_, r) => m[r * cols + c]);
  report.same('Bcast of a column', iota(rows, 10), col(matrix, rank === 0 ? 1 : 2));
  if (rank !== 0) report.same('Bcast leaves the other columns alone', new Float64Array(rows).fill(-1), col(matrix, 1));

  // Allreduce of column 0 of a matrix into column 0 of another.
  const mine = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) mine[r * cols] = rank + r;
  const out = new Float64Array(rows * cols).fill(-1);
  comm.Allreduce([mine, 1, column], [out, 1, column], SUM);
  report.same('Allreduce of a column', Float64Array.from({ length: rows }, (_, r) => (size * (size - 1)) / 2 + size * r), col(out, 0));
  return done(report);
}

/** Zero-length messages in every collective (all counts 0). */
export function empty(comm) {
  const report = new Report(comm);
  const { size } = comm;
  const none = new Float64Array(0);
  comm.Bcast(none, 0);
  comm.Allreduce(none, new Float64Array(0), SUM);
  comm.Reduce(none, new Float64Array(0), SUM, 0);
  comm.Allgather(none, new Float64Array(0));
  comm.Alltoall(none, new Float64Array(0));
  comm.Gather(none, new Float64Array(0), 0);
  comm.Scatter(new Float64Array(0), none, 0);
  comm.Scan(none, new Float64Array(0), SUM);
  comm.Exscan(none, new Float64Array(0), SUM);
  comm.Reduce_scatter_block(none, new Float64Array(0), SUM);
  comm.Reduce_scatter(none, new Float64Array(0), new Array(size).fill(0), SUM);
  comm.Allgatherv(none, [new Float64Array(0), new Array(size).fill(0)]);
  report.check('every collective completes with zero elements', null);
  return done(report);
}

/**
 * Derived datatypes as [buf, count, datatype] in point-to-point calls and Bcast: a matrix column
 * (Create_vector), whole items (Create_contiguous) and a sub-block (Create_subarray). Sender and
 * receiver may use different layouts of the same elements, as MPI's type-signature rule allows.
 */
export function derivedDatatypes(comm) {
  const report = new Report(comm);
  const { rank, size } = comm;
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const rows = 4;
  const cols = 3;
  const matrix = (owner) => Float64Array.from({ length: rows * cols }, (_, i) => owner * 100 + i);
  const column = FLOAT64.Create_vector(rows, 1, cols).Commit();

  // Column 1 of my matrix to the right; from the left into a contiguous array and into column 2.
  const contiguous = new Float64Array(rows).fill(-1);
  comm.Sendrecv([matrix(rank).subarray(1), 1, column], right, 1, contiguous, left, 1);
  report.same('Sendrecv: a column into a contiguous array', Float64Array.from({ length: rows }, (_, r) => left * 100 + r * cols + 1), contiguous);
  const into = new Float64Array(rows * cols).fill(-1);
  const req = comm.Irecv([into.subarray(2), 1, column], left, 2);
  comm.Send([matrix(rank).subarray(1), 1, column], right, 2);
  req.wait();
  const expectInto = new Float64Array(rows * cols).fill(-1);
  for (let r = 0; r < rows; r++) expectInto[r * cols + 2] = left * 100 + r * cols + 1;
  report.same('Send/Irecv: column to column, the rest untouched', expectInto, into);

  // Two items of three elements each.
  const triple = FLOAT64.Create_contiguous(3).Commit();
  const got = new Float64Array(6).fill(-1);
  comm.Sendrecv([iota(8, rank * 10), 2, triple], right, 3, [got, 2, triple], left, 3);
  report.same('Create_contiguous: two items', iota(6, left * 10), got);

  // The 2 x 3 interior of a 4 x 5 grid, received into the middle of a 3 x 4 grid at [1, 1].
  const interior = FLOAT64.Create_subarray([4, 5], [2, 3], [1, 1]).Commit();
  const landing = FLOAT64.Create_subarray([3, 4], [2, 3], [1, 1]).Commit();
  const grid = new Float64Array(3 * 4).fill(-1);
  comm.Sendrecv([iota(20, rank * 100), 1, interior], right, 4, [grid, 1, landing], left, 4);
  const expectGrid = new Float64Array(12).fill(-1);
  for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expectGrid[(1 + i) * 4 + 1 + j] = left * 100 + (1 + i) * 5 + 1 + j;
  report.same('Create_subarray: interior to a shifted block', expectGrid, grid);

  // Bcast of a halo row (the last row of a 3 x 4 grid, as a subarray) from the last rank.
  const root = size - 1;
  const halo = FLOAT64.Create_subarray([3, 4], [1, 4], [2, 0]).Commit();
  const field = rank === root ? iota(12, 50) : new Float64Array(12).fill(-1);
  comm.Bcast([field, 1, halo], root);
  const expectField = rank === root ? iota(12, 50) : Float64Array.from({ length: 12 }, (_, i) => (i >= 8 ? 50 + i : -1));
  report.same('Bcast of a halo row', expectField, field);
  for (const t of [column, triple, interior, landing, halo]) t.Free();
  return done(report);
}
