/**
 * Writing a collective rules file from measured best algorithms, in the JSON shape the core reads
 * (packages/threadmpi/src/collectives/rules.ts: Open MPI's coll/tuned dynamic rules):
 *
 *   { "rule_file_version": 3, "module": "tuned",
 *     "collectives": { "allreduce": [ { "comm_size_min": 2, "comm_size_max": 3,
 *        "rules": [ { "msg_size_min": 0, "msg_size_max": 16383, "alg": "recursive_doubling" }, ... ] } ] } }
 *
 * Each measured rank count covers itself up to the next measured one (the last, any larger size);
 * each measured size covers itself up to the next measured one (the first from 0, the last to "inf"),
 * in the core's own unit of message size (CollectiveShape.selectionBytes), and neighbouring ranges
 * with the same winner are merged. Where the core's own choice (`default`, measured alongside) is
 * within `margin` of the winner, the rule says 0, "the fixed decision": a file should only override
 * the built-in choice where measurements show it is worth it, not wherever noise happens to favour
 * another algorithm.
 */
import type { BestCell } from '../analysis/best.js';
import type { CollectiveShape } from '../entries/entry.js';

export type Bound = number | 'inf';

/** An algorithm name, or 0: the core's fixed decision. */
export type RuleAlgorithm = string | 0;

export interface MessageRuleJson {
  readonly msg_size_min: number;
  readonly msg_size_max: Bound;
  readonly alg: RuleAlgorithm;
}

export interface CommRuleJson {
  readonly comm_size_min: number;
  readonly comm_size_max: Bound;
  readonly rules: readonly MessageRuleJson[];
}

export interface RulesDocument {
  readonly rule_file_version: 3;
  readonly module: 'tuned';
  /** Ignored by the core's reader: where the figures came from. */
  readonly generated_by: { readonly tool: string; readonly date: string; readonly machine: string };
  readonly collectives: Readonly<Record<string, readonly CommRuleJson[]>>;
}

/** How much faster than the core's choice an algorithm must be to get a rule (0.05: 5%). */
export const DEFAULT_MARGIN = 0.05;

function ruleAlgorithm(cell: BestCell, margin: number): RuleAlgorithm {
  return cell.selectionUs !== null && cell.selectionUs <= cell.bestUs * (1 + margin) ? 0 : cell.algorithm;
}

/** The communicator-size rules of one collective, from its best cells. */
export function collectiveRules(shape: CollectiveShape, cells: readonly BestCell[], margin = DEFAULT_MARGIN): CommRuleJson[] {
  const rankCounts = [...new Set(cells.map((cell) => cell.ranks))].sort((a, b) => a - b);
  return rankCounts.map((ranks, i) => {
    const next = rankCounts[i + 1];
    const points = cells.filter((cell) => cell.ranks === ranks).sort((a, b) => a.size - b.size);
    return {
      comm_size_min: i === 0 ? 1 : ranks,
      comm_size_max: next === undefined ? 'inf' : next - 1,
      rules: messageRules(points.map((cell) => ({ bytes: shape.selectionBytes(cell.size, ranks), algorithm: ruleAlgorithm(cell, margin) }))),
    };
  });
}

function messageRules(points: ReadonlyArray<{ bytes: number; algorithm: RuleAlgorithm }>): MessageRuleJson[] {
  const rules: Array<{ msg_size_min: number; msg_size_max: Bound; alg: RuleAlgorithm }> = [];
  points.forEach((point, i) => {
    const next = points[i + 1];
    const max: Bound = next === undefined ? 'inf' : next.bytes - 1;
    const last = rules.at(-1);
    if (last !== undefined && last.alg === point.algorithm) last.msg_size_max = max;
    else rules.push({ msg_size_min: i === 0 ? 0 : point.bytes, msg_size_max: max, alg: point.algorithm });
  });
  return rules;
}
