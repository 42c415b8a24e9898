/**
 * `tune` writes a rules file the core reads (THREADMPI_COLL_RULES), and the core then runs what the
 * file says. Which algorithm ran is seen from outside, through the messages of a traced call
 * (test/workers/rules-check.mjs): the run the core selects must send exactly the messages of the
 * algorithm the file names. Run `pnpm run build` first.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { COLLECTIVE_ALGORITHMS } from 'threadmpi';
import { COLLECTIVE_BENCHMARKS } from '../src/entries/collectives.js';
import { rulesFromReport } from '../src/tune/command.js';
import type { Bound, CommRuleJson, RuleAlgorithm, RulesDocument } from '../src/tune/rules.js';
import { collectiveRules } from '../src/tune/rules.js';
import { sweepReport } from './fixtures.js';

const execFileAsync = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CHECK = fileURLToPath(new URL('./workers/rules-check.mjs', import.meta.url));
const ALLREDUCE = COLLECTIVE_ALGORITHMS.allreduce;

/** The core's lookup (select.ts matchRule): first communicator rule by size, then first message rule. */
function ruledAlgorithm(rules: readonly CommRuleJson[], ranks: number, bytes: number): RuleAlgorithm | null {
  const within = (value: number, min: number, max: Bound) => value >= min && (max === 'inf' || value <= max);
  const comm = rules.find((rule) => within(ranks, rule.comm_size_min, rule.comm_size_max));
  return comm?.rules.find((rule) => within(bytes, rule.msg_size_min, rule.msg_size_max))?.alg ?? null;
}

interface Observation {
  readonly ranks: number;
  readonly bytes: number;
  readonly selected: string;
  readonly forced: Record<string, string>;
}

async function observe(points: ReadonlyArray<readonly [number, number]>, rulesFile: string | null): Promise<Observation[]> {
  const env = { ...process.env, THREADMPI_COLL_RULES: rulesFile ?? '' };
  const { stdout } = await execFileAsync(process.execPath, [CHECK, JSON.stringify(points)], { env });
  return JSON.parse(stdout) as Observation[];
}

describe('rules from best algorithms', () => {
  const cell = (ranks: number, size: number, algorithm: string, defaultUs: number | null = null) =>
    ({ ranks, size, algorithm, bestUs: 10, defaultUs, chosen: null, selectionUs: defaultUs });

  test('each measured rank count covers up to the next; equal neighbours merge; sizes in the core\'s bytes', () => {
    const cells = [2, 4].flatMap((ranks) => [cell(ranks, 8, 'linear'), cell(ranks, 1024, 'linear'), cell(ranks, 65536, 'ring')]);
    const rules = [
      { msg_size_min: 0, msg_size_max: 65535, alg: 'linear' },
      { msg_size_min: 65536, msg_size_max: 'inf', alg: 'ring' },
    ];
    expect(collectiveRules(COLLECTIVE_BENCHMARKS.allreduce.collective, cells)).toEqual([
      { comm_size_min: 1, comm_size_max: 3, rules },
      { comm_size_min: 4, comm_size_max: 'inf', rules },
    ]);
  });

  test('where the core\'s own choice is within the margin of the best, the rule keeps the fixed decision (0)', () => {
    const rules = rulesFromReport(sweepReport(), ['allreduce']);
    expect(rules).toMatchObject({ rule_file_version: 3, module: 'tuned' });
    // The fixture's default is the best everywhere but at 8 B on 4 ranks, where it is 20% slower than linear.
    expect(rules.collectives.allreduce).toEqual([
      { comm_size_min: 1, comm_size_max: 3, rules: [{ msg_size_min: 0, msg_size_max: 'inf', alg: 0 }] },
      { comm_size_min: 4, comm_size_max: 'inf', rules: [
        { msg_size_min: 0, msg_size_max: 63, alg: 'linear' },
        { msg_size_min: 64, msg_size_max: 'inf', alg: 0 },
      ] },
    ]);
    expect(rulesFromReport(sweepReport(), ['allreduce'], 0.25).collectives.allreduce![1]!.rules).toEqual([
      { msg_size_min: 0, msg_size_max: 'inf', alg: 0 },
    ]);
    expect(collectiveRules(COLLECTIVE_BENCHMARKS.allreduce.collective, [cell(2, 8, 'ring', 10.4)])[0]!.rules[0]!.alg).toBe(0);
    expect(collectiveRules(COLLECTIVE_BENCHMARKS.allreduce.collective, [cell(2, 8, 'ring', 10.6)])[0]!.rules[0]!.alg).toBe('ring');
  });

  test('block collectives count every rank\'s block, as the core\'s selection does', () => {
    const cells = [
      { ranks: 4, size: 8, algorithm: 'bruck', bestUs: 1, defaultUs: null },
      { ranks: 4, size: 1024, algorithm: 'ring', bestUs: 1, defaultUs: null },
    ];
    expect(collectiveRules(COLLECTIVE_BENCHMARKS.allgather.collective, cells)[0]!.rules).toEqual([
      { msg_size_min: 0, msg_size_max: 4095, alg: 'bruck' },
      { msg_size_min: 4096, msg_size_max: 'inf', alg: 'ring' },
    ]);
  });
});

describe('tune round trip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadmpi-bench-tune-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Tuned sizes, a rank count between the tuned ones, and a size above them (the last rule's "inf").
  const points = [2, 3, 4].flatMap((ranks) => [8, 32, 64, 4096].map((bytes) => [ranks, bytes] as const));

  test('tune a tiny grid; the core then runs the file\'s algorithm at every point', async () => {
    const rulesFile = join(dir, 'rules.json');
    const { stdout } = await execFileAsync(process.execPath, [
      CLI, 'tune', '-c', 'allreduce', '-n', '2,4', '-m', '8:64', '-i', '10', '-x', '1', '--quiet', '-o', rulesFile,
    ]);
    expect(stdout).toContain('# OSU MPI Allreduce Latency Test');
    const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as RulesDocument;
    const allreduce = rules.collectives.allreduce!;
    expect(allreduce.map((rule) => [rule.comm_size_min, rule.comm_size_max])).toEqual([[1, 3], [4, 'inf']]);
    for (const comm of allreduce) {
      expect(comm.rules[0]!.msg_size_min).toBe(0);
      expect(comm.rules.at(-1)!.msg_size_max).toBe('inf');
      for (const rule of comm.rules) expect([0, ...ALLREDUCE]).toContain(rule.alg);
    }

    const fixed = await observe(points, null);
    for (const [i, seen] of (await observe(points, rulesFile)).entries()) {
      const expected = ruledAlgorithm(allreduce, seen.ranks, seen.bytes)!;
      // 0 is "the fixed decision": the core must then run what it runs without a rules file.
      const messages = expected === 0 ? fixed[i]!.selected : seen.forced[expected];
      expect({ ranks: seen.ranks, bytes: seen.bytes, expected, messages: seen.selected }).toEqual({ ranks: seen.ranks, bytes: seen.bytes, expected, messages });
    }
  });

  test('a file that picks other algorithms than the fixed decision changes what runs', async () => {
    const fixed = await observe(points, null);
    // Per point, an algorithm whose messages tell it apart from every other, and from the fixed choice.
    const picks = fixed.map((seen) => {
      const unique = ALLREDUCE.filter((alg) => ALLREDUCE.every((other) => other === alg || seen.forced[other] !== seen.forced[alg]));
      return { ...seen, pick: unique.find((alg) => seen.forced[alg] !== seen.selected) ?? null };
    });
    const tested = picks.filter((point) => point.pick !== null);
    expect(tested.length).toBeGreaterThan(0);
    // One communicator rule per rank count, one message rule per size (each up to the next).
    const ranksList = [...new Set(points.map(([ranks]) => ranks))];
    const document = {
      rule_file_version: 3,
      module: 'tuned',
      collectives: {
        allreduce: ranksList.map((ranks) => ({
          comm_size_min: ranks,
          comm_size_max: ranks,
          rules: picks
            .filter((point) => point.ranks === ranks)
            .map((point, i, all) => ({
              msg_size_min: point.bytes,
              msg_size_max: i + 1 < all.length ? all[i + 1]!.bytes - 1 : 'inf',
              alg: point.pick ?? 0,
            })),
        })),
      },
    };
    const rulesFile = join(dir, 'picked.json');
    await writeFile(rulesFile, JSON.stringify(document));
    const seen = await observe(tested.map((point) => [point.ranks, point.bytes] as const), rulesFile);
    for (const [i, point] of tested.entries()) {
      expect({ ranks: point.ranks, bytes: point.bytes, pick: point.pick, messages: seen[i]!.selected })
        .toEqual({ ranks: point.ranks, bytes: point.bytes, pick: point.pick, messages: point.forced[point.pick!] });
    }
  });
});
