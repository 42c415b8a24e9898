/**
 * The wait-for graph of blocked ranks. As MUST does, a wait for specific ranks (recv from 1;
 * waitall, where every peer is needed) is kept apart from a wait for any of several (ANY_SOURCE,
 * waitany, where one peer would do): the first are AND edges, the second OR edges.
 */
import type { BlockedRank } from '../errors.js';

/** The ranks that could release a blocked rank (self excluded from "any of" waits: it cannot help). */
export function waitEdges(b: BlockedRank): number[] {
  return b.waitsFor.kind === 'any' ? b.waitsFor.ranks.filter((r) => r !== b.rank) : b.waitsFor.ranks;
}

/**
 * A cycle of blocked ranks, as [a, b, ..., a]; [] when none. Cycles through waits for specific
 * ranks are preferred: they are the plainest explanation. A cycle through an "any of" wait is
 * still a deadlock, because every alternative is itself blocked or finished.
 */
export function findCycle(blocked: readonly BlockedRank[]): number[] {
  const specific = cycleThrough(blocked, (b) => (b.waitsFor.kind === 'rank' ? b.waitsFor.ranks : []));
  return specific.length > 0 ? specific : cycleThrough(blocked, waitEdges);
}

function cycleThrough(blocked: readonly BlockedRank[], edgesOf: (b: BlockedRank) => readonly number[]): number[] {
  const edges = new Map<number, readonly number[]>(blocked.map((b) => [b.rank, edgesOf(b)]));
  const state = new Map<number, 'visiting' | 'done'>();
  const path: number[] = [];
  const visit = (r: number): number[] | null => {
    state.set(r, 'visiting');
    path.push(r);
    for (const next of edges.get(r) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === 'visiting') return [...path.slice(path.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    path.pop();
    state.set(r, 'done');
    return null;
  };
  for (const b of blocked) {
    if (state.get(b.rank) !== undefined) continue;
    const found = visit(b.rank);
    if (found !== null) return found;
  }
  return [];
}
