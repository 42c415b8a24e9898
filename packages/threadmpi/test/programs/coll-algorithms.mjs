// Every registered algorithm of every collective, forced in turn, checked against a naive
// reference at several message sizes, on the communicator given and on a Dup of it. One job per
// communicator size keeps the suite fast: all the loops run inside the ranks.
import { COLLECTIVE_ALGORITHMS, COMM_SELF, IN_PLACE, MAX, SUM, setCollectiveAlgorithm } from 'threadmpi';
import { CONCAT, MATMUL, Report, asOperand, contribution, operandsFor, reference } from './coll-reference.mjs';

/** Elements per rank: empty, one, a few, above the 16 KiB eager limit, about 1 MiB of FLOAT64 (not a whole number of shared-memory chunks). */
export const SIZES = [0, 1, 7, 2500, 131077];
/** Matrix operands come in fours. */
const matrixCount = (n) => n - (n % 4);

function forEachAlgorithm(collective, body) {
  for (const algorithm of COLLECTIVE_ALGORITHMS[collective]) {
    setCollectiveAlgorithm(collective, algorithm);
    body(algorithm);
  }
  setCollectiveAlgorithm(collective, null);
}

/** The largest class only runs the cheapest variant of each check (one root, SUM): it is there for volume, not for order. */
const LARGE = 100000;

function roots(comm, n = 0) {
  return n >= LARGE ? [comm.size - 1] : [...new Set([0, comm.size - 1, comm.size >> 1])];
}

function typedSuite(comm, report, sizes) {
  const { rank, size } = comm;
  forEachAlgorithm('barrier', (alg) => {
    // Ranks arrive at different times; nobody may leave before the last one arrived.
    const arrive = performance.timeOrigin + performance.now();
    while (performance.timeOrigin + performance.now() - arrive < rank) { /* stagger arrivals */ }
    const times = new Float64Array(2 * size);
    times[2 * rank] = performance.timeOrigin + performance.now();
    comm.Barrier();
    times[2 * rank + 1] = performance.timeOrigin + performance.now();
    comm.Allreduce(IN_PLACE, times, MAX);
    const lastIn = Math.max(...times.filter((_, i) => i % 2 === 0));
    const firstOut = Math.min(...times.filter((_, i) => i % 2 === 1));
    report.check(`barrier/${alg}`, firstOut >= lastIn ? null : `a rank left at ${firstOut} before the last arrived at ${lastIn}`);
  });
  for (const n of sizes) {
    forEachAlgorithm('bcast', (alg) => {
      for (const root of roots(comm, n)) {
        const buf = rank === root ? contribution(root, n, 1) : new Float64Array(n).fill(-1);
        comm.Bcast(buf, root);
        report.same(`bcast/${alg} n=${n} root=${root}`, contribution(root, n, 1), buf);
      }
    });
    // The gather/scatter/alltoall family: n is the whole message, as Open MPI sizes them.
    const block = n === 0 ? 0 : Math.max(1, Math.floor(n / size));
    forEachAlgorithm('allgather', (alg) => {
      const recv = new Float64Array(block * size).fill(-1);
      comm.Allgather(contribution(rank, block, 2), recv);
      const expected = new Float64Array(block * size);
      for (let r = 0; r < size; r++) expected.set(contribution(r, block, 2), r * block);
      report.same(`allgather/${alg} block=${block}`, expected, recv);
    });
    forEachAlgorithm('alltoall', (alg) => {
      const send = new Float64Array(block * size);
      for (let to = 0; to < size; to++) send.set(contribution(rank * size + to, block, 3), to * block);
      const recv = new Float64Array(block * size).fill(-1);
      comm.Alltoall(send, recv);
      const expected = new Float64Array(block * size);
      for (let from = 0; from < size; from++) expected.set(contribution(from * size + rank, block, 3), from * block);
      report.same(`alltoall/${alg} block=${block}`, expected, recv);
    });
    forEachAlgorithm('gather', (alg) => {
      for (const root of roots(comm, n)) {
        const recv = rank === root ? new Float64Array(block * size).fill(-1) : null;
        comm.Gather(contribution(rank, block, 4), recv, root);
        if (rank !== root) continue;
        const expected = new Float64Array(block * size);
        for (let r = 0; r < size; r++) expected.set(contribution(r, block, 4), r * block);
        report.same(`gather/${alg} block=${block} root=${root}`, expected, recv);
      }
    });
    forEachAlgorithm('scatter', (alg) => {
      for (const root of roots(comm, n)) {
        let send = null;
        if (rank === root) {
          send = new Float64Array(block * size);
          for (let r = 0; r < size; r++) send.set(contribution(r, block, 5), r * block);
        }
        const recv = new Float64Array(block).fill(-1);
        comm.Scatter(send, recv, root);
        report.same(`scatter/${alg} block=${block} root=${root}`, contribution(rank, block, 5), recv);
      }
    });
    vectorVariants(comm, report, block);
    reductions(comm, report, n);
  }
}

/** The v-variants with uneven blocks (rank r's block has (r % 3) * block elements, some empty). */
function vectorVariants(comm, report, block) {
  const { rank, size } = comm;
  const counts = Array.from({ length: size }, (_, r) => (r % 3) * block);
  const displs = counts.map((_, r) => counts.slice(0, r).reduce((a, b) => a + b, 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const laidOut = (salt) => {
    const out = new Float64Array(total);
    for (let r = 0; r < size; r++) out.set(contribution(r, counts[r], salt), displs[r]);
    return out;
  };
  forEachAlgorithm('gatherv', (alg) => {
    for (const root of roots(comm, total)) {
      const recv = rank === root ? new Float64Array(total).fill(-1) : null;
      comm.Gatherv(contribution(rank, counts[rank], 11), rank === root ? [recv, counts, displs] : null, root);
      if (rank === root) report.same(`gatherv/${alg} block=${block} root=${root}`, laidOut(11), recv);
    }
  });
  forEachAlgorithm('scatterv', (alg) => {
    for (const root of roots(comm, total)) {
      const recv = new Float64Array(counts[rank]).fill(-1);
      comm.Scatterv(rank === root ? [laidOut(12), counts, displs] : null, recv, root);
      report.same(`scatterv/${alg} block=${block} root=${root}`, contribution(rank, counts[rank], 12), recv);
    }
  });
  forEachAlgorithm('allgatherv', (alg) => {
    const recv = new Float64Array(total).fill(-1);
    comm.Allgatherv(contribution(rank, counts[rank], 13), [recv, counts]);
    report.same(`allgatherv/${alg} block=${block}`, laidOut(13), recv);
  });
  forEachAlgorithm('alltoallv', (alg) => {
    // Rank r sends ((r + to) % 3) * block elements to rank `to`.
    const sendCounts = Array.from({ length: size }, (_, to) => ((rank + to) % 3) * block);
    const recvCounts = Array.from({ length: size }, (_, from) => ((from + rank) % 3) * block);
    const send = new Float64Array(sendCounts.reduce((a, b) => a + b, 0));
    let at = 0;
    for (let to = 0; to < size; to++) send.set(contribution(rank * size + to, sendCounts[to], 14), (at += sendCounts[to]) - sendCounts[to]);
    const recv = new Float64Array(recvCounts.reduce((a, b) => a + b, 0)).fill(-1);
    comm.Alltoallv([send, sendCounts], [recv, recvCounts]);
    const expected = new Float64Array(recv.length);
    at = 0;
    for (let from = 0; from < size; from++) expected.set(contribution(from * size + rank, recvCounts[from], 14), (at += recvCounts[from]) - recvCounts[from]);
    report.same(`alltoallv/${alg} block=${block}`, expected, recv);
  });
}

/** The reduction collectives, with SUM and (where the algorithm keeps rank order) MATMUL. */
function reductions(comm, report, n) {
  const { rank, size } = comm;
  const kinds = (keepsOrder) => (keepsOrder && n < LARGE ? ['sum', 'matmul'] : ['sum']);
  const opOf = (kind) => (kind === 'sum' ? SUM : MATMUL);
  const countOf = (kind) => (kind === 'sum' ? n : matrixCount(n));
  const empty = (kind, count) => (kind === 'sum' ? new Float64Array(count) : new Int32Array(count)).fill(-1);
  forEachAlgorithm('reduce', (alg) => {
    for (const kind of kinds(true)) {
      for (const root of roots(comm, n)) {
        const count = countOf(kind);
        const recv = rank === root ? empty(kind, count) : null;
        comm.Reduce(asOperand(kind, operandsFor(kind, rank, count, 6)), asOperand(kind, recv), opOf(kind), root);
        if (rank === root) report.same(`reduce/${alg} ${kind} n=${count} root=${root}`, reference(kind, 0, size, count, 6), recv);
      }
    }
  });
  forEachAlgorithm('allreduce', (alg) => {
    for (const kind of kinds(alg !== 'ring')) {
      const count = countOf(kind);
      const recv = empty(kind, count);
      comm.Allreduce(asOperand(kind, operandsFor(kind, rank, count, 7)), asOperand(kind, recv), opOf(kind));
      report.same(`allreduce/${alg} ${kind} n=${count}`, reference(kind, 0, size, count, 7), recv);
    }
  });
  for (const collective of ['scan', 'exscan']) {
    forEachAlgorithm(collective, (alg) => {
      for (const kind of kinds(true)) {
        const count = countOf(kind);
        const recv = empty(kind, count);
        const call = collective === 'scan' ? 'Scan' : 'Exscan';
        comm[call](asOperand(kind, operandsFor(kind, rank, count, 8)), asOperand(kind, recv), opOf(kind));
        const upTo = collective === 'scan' ? rank + 1 : rank;
        // Exscan leaves rank 0's buffer untouched.
        const expected = upTo === 0 ? empty(kind, count) : reference(kind, 0, upTo, count, 8);
        report.same(`${collective}/${alg} ${kind} n=${count}`, expected, recv);
      }
    });
  }
  forEachAlgorithm('reduce_scatter_block', (alg) => {
    for (const kind of kinds(alg !== 'ring')) {
      const block = kind === 'sum' ? Math.ceil(n / size) : 4 * Math.ceil(n / size / 4);
      const recv = empty(kind, block);
      comm.Reduce_scatter_block(asOperand(kind, operandsFor(kind, rank, block * size, 9)), asOperand(kind, recv), opOf(kind));
      const expected = reference(kind, 0, size, block * size, 9).subarray(rank * block, (rank + 1) * block);
      report.same(`reduce_scatter_block/${alg} ${kind} block=${block}`, expected, recv);
    }
  });
  forEachAlgorithm('reduce_scatter', (alg) => {
    for (const kind of kinds(alg !== 'ring')) {
      // Uneven blocks, some empty: rank r gets (r % 3) units.
      // In elements: rank r gets (r % 3) units; counts are passed in items (matrices for MATMUL).
      const unit = kind === 'sum' ? Math.max(1, Math.floor(n / size)) : 4;
      const elements = Array.from({ length: size }, (_, r) => (r % 3) * unit * (n === 0 ? 0 : 1));
      const counts = kind === 'sum' ? elements : elements.map((e) => e / 4);
      const total = elements.reduce((a, b) => a + b, 0);
      const offset = elements.slice(0, rank).reduce((a, b) => a + b, 0);
      const recv = empty(kind, elements[rank]);
      comm.Reduce_scatter(asOperand(kind, operandsFor(kind, rank, total, 10)), asOperand(kind, recv), counts, opOf(kind));
      const expected = reference(kind, 0, size, total, 10).subarray(offset, offset + elements[rank]);
      report.same(`reduce_scatter/${alg} ${kind} counts=${counts}`, expected, recv);
    }
  });
}

/**
 * The value form of every collective, with each algorithm forced in turn (one that cannot serve
 * values falls back to the automatic choice, so every name is safe to force).
 */
function valueSuite(comm, report) {
  const { rank, size } = comm;
  const item = (r) => ({ rank: r, name: `r${r}`, list: Array.from({ length: r % 4 }, (_, i) => i), big: BigInt(r) * 10n ** 20n });
  const each = (collective, body) => {
    for (const alg of COLLECTIVE_ALGORITHMS[collective]) {
      setCollectiveAlgorithm(collective, alg);
      body(alg);
    }
    setCollectiveAlgorithm(collective, null);
  };
  each('barrier', () => comm.barrier());
  each('bcast', (alg) => {
    for (const root of roots(comm)) report.equal(`value bcast/${alg} root=${root}`, item(root), comm.bcast(rank === root ? item(root) : null, root));
  });
  each('allgather', (alg) => report.equal(`value allgather/${alg}`, Array.from({ length: size }, (_, r) => item(r)), comm.allgather(item(rank))));
  each('alltoall', (alg) => {
    const got = comm.alltoall(Array.from({ length: size }, (_, to) => `${rank}->${to}`));
    report.equal(`value alltoall/${alg}`, Array.from({ length: size }, (_, from) => `${from}->${rank}`), got);
  });
  each('gather', (alg) => {
    for (const root of roots(comm)) {
      const got = comm.gather(item(rank), root);
      report.equal(`value gather/${alg} root=${root}`, rank === root ? Array.from({ length: size }, (_, r) => item(r)) : null, got);
    }
  });
  each('scatter', (alg) => {
    for (const root of roots(comm)) {
      const got = comm.scatter(rank === root ? Array.from({ length: size }, (_, r) => item(r)) : null, root);
      report.equal(`value scatter/${alg} root=${root}`, item(rank), got);
    }
  });
  const word = (r) => String.fromCharCode(97 + (r % 26));
  const prefix = (upTo) => Array.from({ length: upTo }, (_, r) => word(r)).join('');
  each('reduce', (alg) => {
    for (const root of roots(comm)) {
      report.equal(`value reduce/${alg} SUM root=${root}`, rank === root ? (size * (size + 1)) / 2 : null, comm.reduce(rank + 1, SUM, root));
      report.equal(`value reduce/${alg} CONCAT root=${root}`, rank === root ? prefix(size) : null, comm.reduce(word(rank), CONCAT, root));
    }
  });
  each('allreduce', (alg) => {
    report.equal(`value allreduce/${alg} SUM`, [size, (size * (size - 1)) / 2], comm.allreduce([1, rank], SUM));
    report.equal(`value allreduce/${alg} CONCAT`, prefix(size), comm.allreduce(word(rank), CONCAT));
  });
  each('scan', (alg) => report.equal(`value scan/${alg} CONCAT`, prefix(rank + 1), comm.scan(word(rank), CONCAT)));
  each('exscan', (alg) => report.equal(`value exscan/${alg} CONCAT`, rank === 0 ? null : prefix(rank), comm.exscan(word(rank), CONCAT)));
}

function suites(comms, sizeIndices) {
  const sizes = sizeIndices.map((i) => SIZES[i]);
  const reports = comms.map((c) => {
    const report = new Report(c);
    typedSuite(c, report, sizes);
    valueSuite(c, report);
    return report;
  });
  return { checks: reports.reduce((a, r) => a + r.checks, 0), failures: reports.flatMap((r) => r.failures) };
}

/**
 * Run the typed suite with `sizes` (indices into SIZES) and the value suite on `comm`, and, with
 * `alsoDup`, again on a Dup of it. Returns this rank's number of checks and its failures.
 */
export function everyAlgorithm(comm, sizeIndices, alsoDup) {
  const dup = alsoDup ? comm.Dup() : null;
  const result = suites(dup === null ? [comm] : [comm, dup], sizeIndices);
  dup?.Free();
  return result;
}

/**
 * The same suites on communicators whose ranks are not world ranks: COMM_SELF, and a Split into
 * odd and even world ranks, each half in reverse order (comm rank 0 is the highest world rank).
 */
export function everyAlgorithmOnSubsets(world, sizeIndices) {
  const half = world.Split(world.rank % 2, -world.rank);
  const result = suites([COMM_SELF, half], sizeIndices);
  half.Free();
  return result;
}
