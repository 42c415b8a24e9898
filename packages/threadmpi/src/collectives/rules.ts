/**
 * Reading a rules file in the JSON shape of Open MPI's coll/tuned dynamic rules (Open MPI 6):
 *
 *   { "rule_file_version": 3, "module": "tuned",
 *     "collectives": {
 *       "allreduce": [
 *         { "comm_size_min": 4, "comm_size_max": 8,
 *           "rules": [ { "msg_size_min": 0, "msg_size_max": 16383, "alg": "recursive_doubling" },
 *                      { "msg_size_min": 16384, "msg_size_max": "inf", "alg": "ring" } ] } ] } }
 *
 * Collective keys are ours (`allreduce`, `reduce_scatter_block`, ...). `alg` is an algorithm name,
 * or a number: 0 for "the fixed decision", k for the k-th algorithm of that collective in
 * COLLECTIVE_ALGORITHMS. Missing bounds are open; "inf" is unbounded. Unlike Open MPI, which skips a
 * rule it does not understand, any mistake is an error naming the file and the place, because a
 * silently ignored tuning file is hard to notice.
 */
import { mpiError } from '../errors.js';
import { COLLECTIVE_ALGORITHMS, isCollective, type Collective } from './registry.js';
import type { CommRule, MessageRule, RulesTable } from './select.js';

type Json = Record<string, unknown>;

export function parseRules(text: string, source: string): RulesTable {
  const bad = (where: string, what: string): never => {
    throw mpiError('ERR_ARG', `collective rules file ${source}: ${where}: ${what}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return bad('not valid JSON', (e as Error).message);
  }
  const collectives = (doc as Json | null)?.collectives;
  if (typeof collectives !== 'object' || collectives === null) return bad('top level', 'expected an object with a "collectives" object');
  const table = new Map<Collective, CommRule[]>();
  for (const [name, commRules] of Object.entries(collectives as Json)) {
    if (!isCollective(name)) bad(`"${name}"`, `unknown collective; expected one of ${Object.keys(COLLECTIVE_ALGORITHMS).join(', ')}`);
    if (!Array.isArray(commRules)) bad(`"${name}"`, 'expected an array of communicator-size rules');
    table.set(name as Collective, (commRules as unknown[]).map((c, i) => commRule(name as Collective, c, `${name}[${i}]`, bad)));
  }
  return table;
}

function commRule(collective: Collective, c: unknown, where: string, bad: (w: string, m: string) => never): CommRule {
  const o = c as Json;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.rules)) bad(where, 'expected { comm_size_min?, comm_size_max?, rules: [...] }');
  return {
    commSizeMin: bound(o.comm_size_min, 0, `${where}.comm_size_min`, bad),
    commSizeMax: bound(o.comm_size_max, Infinity, `${where}.comm_size_max`, bad),
    rules: (o.rules as unknown[]).map((r, i) => messageRule(collective, r, `${where}.rules[${i}]`, bad)),
  };
}

function messageRule(collective: Collective, r: unknown, where: string, bad: (w: string, m: string) => never): MessageRule {
  const o = r as Json;
  if (typeof o !== 'object' || o === null || !('alg' in o)) bad(where, 'expected { msg_size_min?, msg_size_max?, alg }');
  return {
    msgSizeMin: bound(o.msg_size_min, 0, `${where}.msg_size_min`, bad),
    msgSizeMax: bound(o.msg_size_max, Infinity, `${where}.msg_size_max`, bad),
    algorithm: algorithmName(collective, o.alg, `${where}.alg`, bad),
  };
}

function bound(v: unknown, fallback: number, where: string, bad: (w: string, m: string) => never): number {
  if (v === undefined) return fallback;
  if (v === 'inf') return Infinity;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  return bad(where, `expected a non-negative integer or "inf", got ${JSON.stringify(v)}`);
}

function algorithmName(collective: Collective, alg: unknown, where: string, bad: (w: string, m: string) => never): string | null {
  const known = COLLECTIVE_ALGORITHMS[collective];
  if (alg === 0 || alg === 'ignore') return null;
  if (typeof alg === 'number' && Number.isInteger(alg) && alg >= 1 && alg <= known.length) return known[alg - 1]!;
  if (typeof alg === 'string' && known.includes(alg)) return known[known.indexOf(alg)]!;
  return bad(where, `unknown ${collective} algorithm ${JSON.stringify(alg)}; expected 0 (fixed decision), 1..${known.length} or one of ${known.join(', ')}`);
}
