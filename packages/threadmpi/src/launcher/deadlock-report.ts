/**
 * Turning a deadlock's wait-for graph into the report a student reads: one line per rank with
 * its blocked call and source line, then the cycle, then what usually fixes it.
 */
import type { BlockedRank, DeadlockGraph } from '../errors.js';

/** A cycle through "waits for a specific rank" edges, as [a, b, ..., a]; [] when none. */
export function findCycle(blocked: readonly BlockedRank[]): number[] {
  const edges = new Map<number, number[]>();
  for (const b of blocked) edges.set(b.rank, b.waitsFor.ranks.filter((r) => r !== b.rank || blocked.length === 1));
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
    if (state.get(b.rank) === undefined) {
      const found = visit(b.rank);
      if (found !== null) return found;
    }
  }
  return [];
}

export function formatDeadlockReport(graph: DeadlockGraph): string {
  const lines: string[] = [];
  const finished = new Set(graph.finished);
  for (const b of graph.blocked) {
    const at = b.location === undefined ? '' : ` at ${b.location}`;
    const gone = b.waitsFor.ranks.filter((r) => finished.has(r));
    const why =
      gone.length > 0 && gone.length === b.waitsFor.ranks.length
        ? ` (waits for rank${gone.length > 1 ? 's' : ''} ${gone.join(', ')}, which ${gone.length > 1 ? 'have' : 'has'} already finished)`
        : b.waitsFor.kind === 'any' ? ` (waits for any of ranks ${b.waitsFor.ranks.join(', ')})` : '';
    lines.push(`rank ${b.rank}: ${b.call}${at}${why}`);
  }
  for (const r of graph.finished) lines.push(`rank ${r}: finished`);
  if (graph.cycle.length > 0) lines.push(`cycle: ${graph.cycle.map((r) => `rank ${r}`).join(' -> ')}`);
  lines.push(
    'Every unfinished rank is blocked waiting for another. Usual fixes: reverse the order of send and recv on one side,',
    'use Isend/Irecv then Waitall, use Sendrecv, or make sure every receive has a matching send.',
  );
  return lines.join('\n');
}
