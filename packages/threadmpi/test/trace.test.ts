/**
 * `trace`: a Chrome Trace Event file with one track per rank, a slice per MPI call with its
 * arguments, and a flow arrow from each send to the receive that took the message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closePool, Comm, DeadlockError, mpirun } from 'threadmpi';

const prog = new URL('./programs/diag-trace.mjs', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'threadmpi-trace-'));

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: number;
  bp?: string;
  args?: Record<string, unknown>;
}

function readTrace(path: string): { traceEvents: TraceEvent[]; displayTimeUnit: string } {
  return JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
}

const slicesOf = (events: TraceEvent[], tid: number) => events.filter((e) => e.ph === 'X' && e.tid === tid);

/** The innermost slice on `tid` that encloses time `ts`, if any. */
const enclosing = (events: TraceEvent[], tid: number, ts: number) =>
  slicesOf(events, tid).filter((s) => s.ts <= ts && ts <= s.ts + s.dur!).sort((a, b) => a.dur! - b.dur!)[0];

afterAll(() => closePool());

describe('a traced 3-rank ring', () => {
  const size = 3;
  const rounds = 2;
  const path = join(dir, 'ring.json');
  let events: TraceEvent[];
  let results: Array<{ token: number; got: number; t0: number; t1: number }>;

  beforeAll(async () => {
    results = (await mpirun(size, prog, { fn: 'ring', args: [rounds], trace: path, timeoutMs: 20_000 })) as typeof results;
    const file = readTrace(path);
    expect(file.displayTimeUnit).toBe('ms');
    events = file.traceEvents;
  });

  test('the job ran as without tracing', () => {
    expect(results.map((r) => [r.token, r.got])).toEqual([[1, 2], [2, 0], [0, 1]]);
  });

  test('one process for the job and one named track per rank', () => {
    const pid = events[0]!.pid;
    expect(events.every((e) => e.pid === pid)).toBe(true);
    expect(events.filter((e) => e.name === 'process_name')).toHaveLength(1);
    const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args!.name]);
    expect(names).toEqual([[0, 'rank 0'], [1, 'rank 1'], [2, 'rank 2']]);
  });

  test('a slice per MPI call, in program order, with its arguments', () => {
    for (let rank = 0; rank < size; rank++) {
      const slices = slicesOf(events, rank).sort((a, b) => a.ts - b.ts);
      expect(slices.map((s) => s.name)).toEqual(['sendrecv', 'sendrecv', 'Isend', 'Irecv', 'Request.waitall']);
      expect(slices[0]!.args).toEqual({ sendobj: rank, dest: (rank + 1) % size, sendtag: 1, source: (rank + size - 1) % size, recvtag: 1, comm: 'WORLD' });
      expect(slices[2]!.args).toEqual({ buf: 'Float64Array(4)', dest: (rank + 1) % size, tag: 2, comm: 'WORLD' });
      for (const s of slices) expect(s.dur).toBeGreaterThanOrEqual(0);
    }
  });

  test('timestamps are Wtime() in microseconds, so every rank is on one clock', () => {
    for (let rank = 0; rank < size; rank++) {
      const { t0, t1 } = results[rank]!;
      for (const s of slicesOf(events, rank)) {
        expect(s.ts).toBeGreaterThanOrEqual(t0 * 1e6);
        expect(s.ts + s.dur!).toBeLessThanOrEqual(t1 * 1e6);
      }
    }
  });

  test('each message is a flow from the sending call to the receiving call', () => {
    const starts = events.filter((e) => e.ph === 's');
    const finishes = events.filter((e) => e.ph === 'f');
    expect(starts).toHaveLength(size * (rounds + 1));
    expect(new Set(starts.map((e) => e.id)).size).toBe(starts.length);
    expect(finishes.map((e) => e.id).sort()).toEqual(starts.map((e) => e.id).sort());
    for (const s of starts) {
      const f = finishes.find((e) => e.id === s.id)!;
      expect(f.tid).toBe((s.tid + 1) % size);
      expect(f.bp).toBe('e');
      expect(f.ts).toBeGreaterThanOrEqual(s.ts - 1000);
      expect(['sendrecv', 'Isend']).toContain(enclosing(events, s.tid, s.ts)?.name);
      expect(['sendrecv', 'Irecv', 'Request.waitall']).toContain(enclosing(events, f.tid, f.ts)?.name);
    }
  });
});

describe("the messages inside collectives, with traceInternals", () => {
  const size = 4;
  const traceOf = async (traceInternals: boolean) => {
    const path = join(dir, `internals-${traceInternals}.json`);
    const results = await mpirun(size, prog, { fn: 'ringThenTree', trace: path, traceInternals, timeoutMs: 20_000 });
    for (const r of results) expect(r).toEqual([[0, 1, 2, 3], 42]);
    return readTrace(path).traceEvents;
  };
  /** The arrows of internal messages, as "from->to", inside the collective slice named `call`. */
  const arrowsIn = (events: TraceEvent[], call: string) => {
    const starts = events.filter((e) => e.ph === 's' && enclosing(events, e.tid, e.ts)?.name === 'send');
    return starts
      .filter((s) => slicesOf(events, s.tid).some((c) => c.name === call && c.ts <= s.ts && s.ts <= c.ts + c.dur!))
      .map((s) => `${s.tid}->${events.find((f) => f.ph === 'f' && f.id === s.id)!.tid}`)
      .sort();
  };

  test('are left out by default: only the program\'s own message has an arrow', async () => {
    const events = await traceOf(false);
    expect(events.filter((e) => e.ph === 's')).toHaveLength(1);
    expect(events.filter((e) => e.name === 'send' || e.name === 'recv').map((e) => e.args!.obj ?? e.args!.source)).toEqual(['user', 0]);
  });

  test('show a ring as arrows to the right neighbour and a binomial tree as arrows down the tree', async () => {
    const events = await traceOf(true);
    const ring = Array.from({ length: size }, (_, r) => `${r}->${(r + 1) % size}`);
    expect(arrowsIn(events, 'Allgather')).toEqual([...ring, ...ring, ...ring].sort());
    expect(arrowsIn(events, 'Bcast')).toEqual(['0->1', '0->2', '2->3']);
    const send = events.find((e) => e.name === 'send' && e.cat === 'message')!;
    expect(send.args).toEqual({ dest: expect.any(Number), tag: expect.any(Number), bytes: 8 });
    const recv = events.find((e) => e.name === 'recv' && e.cat === 'message')!;
    expect(recv.args).toEqual({ source: expect.any(Number), tag: expect.any(Number), bytes: 8 });
    // Each internal slice sits inside its collective's slice on the same track.
    for (const m of events.filter((e) => e.cat === 'message' && e.ph === 'X')) {
      expect(['Allgather', 'Bcast']).toContain(slicesOf(events, m.tid).find((c) => c.cat === 'mpi' && c.ts <= m.ts && m.ts + m.dur! <= c.ts + c.dur!)?.name);
    }
  });
});

test('a forced algorithm runs even where the short calls before it took the immediate path', async () => {
  const size = 4;
  const path = join(dir, 'forced.json');
  const results = (await mpirun(size, prog, { fn: 'forcedAfterImmediate', trace: path, traceInternals: true, timeoutMs: 20_000 })) as number[][][];
  const rankSum = (size * (size - 1)) / 2;
  for (const sums of results) expect(sums).toEqual(Array.from({ length: 5 }, () => [size, 2 * size, 3 * size, rankSum]));
  const events = readTrace(path).traceEvents;
  // Per rank: the arrows that start inside each of its five Allreduce slices.
  const arrowsPerCall = (tid: number): string[][] => {
    const calls = slicesOf(events, tid).filter((c) => c.name === 'Allreduce').sort((a, b) => a.ts - b.ts);
    return calls.map((c) =>
      events
        .filter((e) => e.ph === 's' && e.tid === tid && c.ts <= e.ts && e.ts <= c.ts + c.dur!)
        .map((e) => `${tid}->${events.find((f) => f.ph === 'f' && f.id === e.id)!.tid}`),
    );
  };
  for (let r = 0; r < size; r++) {
    const arrows = arrowsPerCall(r);
    expect(arrows).toHaveLength(5);
    // Calls 2 and 3 ran in shared memory (call 1 may carry the segment's bootstrap), so did call 5.
    expect([arrows[1], arrows[2], arrows[4]]).toEqual([[], [], []]);
    // The forced one sent round the ring, to the right neighbour only.
    expect(arrows[3]!.length).toBeGreaterThan(0);
    expect(new Set(arrows[3])).toEqual(new Set([`${r}->${(r + 1) % size}`]));
  }
});

test('tracing wraps the MPI methods for its job only', async () => {
  const plain = Comm.prototype.send.toString();
  const traced = (await mpirun(2, prog, { fn: 'sendSource', trace: join(dir, 'source.json') })) as string[];
  expect(traced[0]).not.toBe(plain);
  const after = (await mpirun(2, prog, { fn: 'sendSource' })) as string[];
  expect(after).toEqual([plain, plain]);
});

test('a deadlocked job still writes its trace, ending in the blocked calls', async () => {
  const path = join(dir, 'deadlock.json');
  const error = await mpirun(2, prog, { fn: 'headToHead', eagerLimit: 0, deadlockMs: 200, trace: path, timeoutMs: 20_000 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DeadlockError);
  const { traceEvents } = readTrace(path);
  for (const rank of [0, 1]) {
    const [send] = slicesOf(traceEvents, rank);
    expect(send!.name).toBe('send');
    expect(send!.args!.error).toMatch(/ERR_ABORTED.*deadlock/);
  }
});

test('the CLI writes the trace with --trace', () => {
  const path = join(dir, 'cli.json');
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const program = fileURLToPath(new URL('./programs/diag-cli-exchange.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [cli, 'run', '-n', '2', '--trace', path, program], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  const { traceEvents } = readTrace(path);
  expect(slicesOf(traceEvents, 0).map((e) => e.name)).toEqual(['sendrecv']);
  expect(traceEvents.filter((e) => e.ph === 's')).toHaveLength(2);
});
