/**
 * Choosing an algorithm: the fixed decision is a pure function of (collective, communicator size,
 * bytes, commutativity) that always names an algorithm able to serve the call; a forced algorithm
 * (setCollectiveAlgorithm or THREADMPI_COLL_<NAME>) wins, then a rules file in the shape of Open
 * MPI's dynamic rules (THREADMPI_COLL_RULES); an override that cannot serve a call falls through.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLLECTIVE_ALGORITHMS, closePool, collectiveOverrides, mpirun, selectAlgorithm as publicSelectAlgorithm } from 'threadmpi';
import { overridesFromEnv } from '../src/collectives/config.js';
import { COLLECTIVES, REGISTRY } from '../src/collectives/registry.js';
import { parseRules } from '../src/collectives/rules.js';
import { NO_OVERRIDES, canServe, fixedDecision, selectAlgorithm, type SelectQuery } from '../src/collectives/select.js';

afterAll(() => closePool());

const query = (q: Partial<SelectQuery> & Pick<SelectQuery, 'collective'>): SelectQuery => ({ commSize: 4, bytes: 8, commutative: true, values: false, ...q });

const SIZES_BYTES = [0, 8, 1024, 16 * 1024, 64 * 1024, 1 << 20, 16 << 20];

test('the registry lists every algorithm under its collective, and COLLECTIVE_ALGORITHMS mirrors it', () => {
  for (const c of COLLECTIVES) expect(COLLECTIVE_ALGORITHMS[c]).toEqual(REGISTRY[c].map((a: { name: string }) => a.name));
  expect(COLLECTIVE_ALGORITHMS.allreduce).toEqual(expect.arrayContaining(['recursive_doubling', 'ring', 'rabenseifner', 'reduce_bcast', 'linear']));
  expect(COLLECTIVE_ALGORITHMS.bcast).toEqual(expect.arrayContaining(['binomial', 'scatter_allgather', 'pipeline', 'linear']));
  expect(COLLECTIVE_ALGORITHMS.allgather).toEqual(expect.arrayContaining(['ring', 'recursive_doubling', 'bruck']));
  expect(COLLECTIVE_ALGORITHMS.alltoall).toEqual(expect.arrayContaining(['pairwise', 'bruck', 'linear']));
  expect(COLLECTIVE_ALGORITHMS.reduce).toEqual(expect.arrayContaining(['binomial', 'linear']));
  expect(COLLECTIVE_ALGORITHMS.barrier).toEqual(expect.arrayContaining(['dissemination', 'tree']));
});

test('the fixed decision always names an algorithm that can serve the call', () => {
  for (const collective of COLLECTIVES) {
    // The value form exists only for collectives with an algorithm that takes values (not the v-variants).
    const hasValueForm = REGISTRY[collective].some((a: { values: boolean }) => a.values);
    for (let commSize = 1; commSize <= 16; commSize++) {
      for (const bytes of [-1, ...SIZES_BYTES]) {
        for (const commutative of [true, false]) {
          for (const values of bytes < 0 && hasValueForm ? [true, false] : [false]) {
            const q = query({ collective, commSize, bytes, commutative, values });
            const name = fixedDecision(q);
            const entry = REGISTRY[collective].find((a: { name: string }) => a.name === name);
            expect([collective, commSize, bytes, commutative, values, name, entry !== undefined && canServe(entry, q)]).toEqual([collective, commSize, bytes, commutative, values, name, true]);
          }
        }
      }
    }
  }
});

test('selection is pure: the same query gives the same answer, whatever was asked before', () => {
  const q = query({ collective: 'allreduce', commSize: 8, bytes: 1 << 20 });
  const first = selectAlgorithm(q);
  for (const other of SIZES_BYTES) selectAlgorithm(query({ collective: 'allreduce', bytes: other }));
  expect(selectAlgorithm(q)).toBe(first);
  expect(selectAlgorithm(q, NO_OVERRIDES)).toBe(fixedDecision(q));
});

test('a forced algorithm wins, unless it cannot serve the call', () => {
  const forced = { forced: new Map([['allreduce', 'ring']]), rules: null } as never;
  expect(selectAlgorithm(query({ collective: 'allreduce' }), forced)).toBe('ring');
  // ring combines out of rank order: a non-commutative operation falls back to the fixed decision.
  const q = query({ collective: 'allreduce', commutative: false });
  expect(selectAlgorithm(q, forced)).toBe(fixedDecision(q));
  expect(selectAlgorithm(query({ collective: 'bcast' }), forced)).toBe(fixedDecision(query({ collective: 'bcast' })));
});

test('the public selectAlgorithm answers with the environment\'s overrides as a job started with it would', () => {
  const q = query({ collective: 'allreduce', commSize: 8, bytes: 64 });
  expect(publicSelectAlgorithm(q)).toBe(fixedDecision(q));
  expect(publicSelectAlgorithm(q, collectiveOverrides({}))).toBe(fixedDecision(q));
  expect(publicSelectAlgorithm(q, collectiveOverrides({ THREADMPI_COLL_ALLREDUCE: 'ring' }))).toBe('ring');
  // A forced algorithm that cannot serve the call falls through, here too.
  const nonCommutative = query({ collective: 'allreduce', commutative: false });
  expect(publicSelectAlgorithm(nonCommutative, collectiveOverrides({ THREADMPI_COLL_ALLREDUCE: 'ring' }))).toBe(fixedDecision(nonCommutative));
  expect(() => collectiveOverrides({ THREADMPI_COLL_BARRIER: 'nope' })).toThrow(/THREADMPI_COLL_BARRIER: unknown barrier algorithm "nope"/);
});

const RULES = {
  rule_file_version: 3,
  module: 'tuned',
  collectives: {
    allreduce: [
      { comm_size_min: 2, comm_size_max: 4, rules: [{ msg_size_min: 0, msg_size_max: 1023, alg: 'linear' }, { msg_size_min: 1024, msg_size_max: 'inf', alg: 'ring' }] },
      { comm_size_min: 5, rules: [{ alg: 3 }] },
    ],
    bcast: [{ rules: [{ msg_size_max: 100, alg: 0 }, { alg: 'pipeline' }] }],
  },
};

test('a rules file in the shape of Open MPI\'s dynamic rules: first comm-size rule, then first message-size rule', () => {
  const rules = parseRules(JSON.stringify(RULES), 'rules.json');
  const o = { forced: new Map(), rules } as never;
  expect(selectAlgorithm(query({ collective: 'allreduce', commSize: 3, bytes: 8 }), o)).toBe('linear');
  expect(selectAlgorithm(query({ collective: 'allreduce', commSize: 3, bytes: 4096 }), o)).toBe('ring');
  // alg 3: the third of COLLECTIVE_ALGORITHMS.allreduce, counting from 1 as Open MPI does.
  expect(selectAlgorithm(query({ collective: 'allreduce', commSize: 6, bytes: 8 }), o)).toBe(COLLECTIVE_ALGORITHMS.allreduce[2]);
  // alg 0 is "the fixed decision"; outside every rule, the fixed decision too.
  expect(selectAlgorithm(query({ collective: 'bcast', bytes: 50 }), o)).toBe(fixedDecision(query({ collective: 'bcast', bytes: 50 })));
  expect(selectAlgorithm(query({ collective: 'bcast', bytes: 5000 }), o)).toBe('pipeline');
  expect(selectAlgorithm(query({ collective: 'allreduce', commSize: 1 }), o)).toBe(fixedDecision(query({ collective: 'allreduce', commSize: 1 })));
  // A forced algorithm still wins over the rules.
  const both = { forced: new Map([['allreduce', 'reduce_bcast']]), rules } as never;
  expect(selectAlgorithm(query({ collective: 'allreduce', commSize: 3 }), both)).toBe('reduce_bcast');
});

test('a mistake in a rules file is an error naming the file and the place', () => {
  const bad = (doc: unknown) => () => parseRules(typeof doc === 'string' ? doc : JSON.stringify(doc), 'my-rules.json');
  expect(bad('{ not json')).toThrow(/my-rules\.json: not valid JSON/);
  expect(bad({})).toThrow(/expected an object with a "collectives" object/);
  expect(bad({ collectives: { allreduse: [] } })).toThrow(/"allreduse": unknown collective/);
  expect(bad({ collectives: { allreduce: [{ rules: [{ alg: 'bogus' }] }] } })).toThrow(/allreduce\[0\]\.rules\[0\]\.alg: unknown allreduce algorithm "bogus"/);
  expect(bad({ collectives: { allreduce: [{ comm_size_min: -1, rules: [] }] } })).toThrow(/allreduce\[0\]\.comm_size_min: expected a non-negative integer or "inf"/);
  expect(bad({ collectives: { allreduce: [{ rules: [{ alg: 99 }] }] } })).toThrow(/expected 0 \(fixed decision\), 1\.\.\d+/);
});

test('the environment: THREADMPI_COLL_<NAME> forces, THREADMPI_COLL_RULES names a rules file; mistakes say where', () => {
  const files: Record<string, string> = { 'r.json': JSON.stringify(RULES) };
  const read = (path: string) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path]!;
  };
  const o = overridesFromEnv({ THREADMPI_COLL_ALLREDUCE: 'ring', THREADMPI_COLL_BCAST: '', THREADMPI_COLL_RULES: 'r.json' }, read);
  expect([...o.forced]).toEqual([['allreduce', 'ring']]);
  expect(o.rules?.get('bcast')).toHaveLength(1);
  expect(() => overridesFromEnv({ THREADMPI_COLL_ALLREDUCE: 'bogus' }, read)).toThrow(/THREADMPI_COLL_ALLREDUCE: unknown allreduce algorithm "bogus"; expected one of/);
  expect(() => overridesFromEnv({ THREADMPI_COLL_RULES: 'missing.json' }, read)).toThrow(/THREADMPI_COLL_RULES=missing\.json: cannot read the rules file/);
});

const selection = new URL('./programs/coll-selection.mjs', import.meta.url);
const QUERIES = [{ collective: 'allreduce', bytes: 8 }, { collective: 'allreduce', bytes: 4096 }, { collective: 'bcast', bytes: 5000 }];

test('setCollectiveAlgorithm forces an algorithm in a job, refuses unknown names, and null restores the choice', async () => {
  const results = (await mpirun(3, selection, { fn: 'forced', args: [QUERIES], timeoutMs: 30_000 })) as Array<Record<string, unknown>>;
  for (const r of results) {
    expect(r.during).toEqual(['linear', 'linear', 'linear']);
    expect(r.after).toEqual(r.before);
    expect(r.sum).toEqual([3, 3, 6]);
    expect(r.unknownCollective).toEqual(['ERR_ARG', expect.stringMatching(/unknown collective "allreduse"; expected one of .*allreduce/)]);
    expect(r.unknownAlgorithm).toEqual(['ERR_ARG', expect.stringMatching(/unknown allreduce algorithm "bogus"; expected one of .*ring/)]);
  }
  // A job starts without the previous job's settings, even in a reused thread.
  const [again] = (await mpirun(3, selection, { fn: 'chosen', args: [QUERIES] })) as string[][];
  expect(again).toEqual(results[0]!.before);
});

describe('through the CLI environment', () => {
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const program = fileURLToPath(new URL('./programs/coll-selection-cli.mjs', import.meta.url));
  const run = (env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [cli, 'run', '-n', '3', program, JSON.stringify(QUERIES)], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
    return { code: r.status, out: r.stdout.trim(), err: r.stderr };
  };

  test('THREADMPI_COLL_ALLREDUCE forces allreduce only', () => {
    const r = run({ THREADMPI_COLL_ALLREDUCE: 'reduce_bcast' });
    expect(r.code).toBe(0);
    const [small, large, bcast] = JSON.parse(r.out) as string[];
    expect([small, large]).toEqual(['reduce_bcast', 'reduce_bcast']);
    expect(COLLECTIVE_ALGORITHMS.bcast).toContain(bcast);
  });

  test('THREADMPI_COLL_RULES applies a rules file; a bad one fails the job saying why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coll-rules-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify(RULES));
    const r = run({ THREADMPI_COLL_RULES: file });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(['linear', 'ring', 'pipeline']);
    writeFileSync(file, '{ "collectives": { "allreduce": [ { "rules": [ { "alg": "nope" } ] } ] } }');
    const bad = run({ THREADMPI_COLL_RULES: file });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/rules\.json: allreduce\[0\]\.rules\[0\]\.alg: unknown allreduce algorithm "nope"/);
  });
});
