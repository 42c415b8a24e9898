/**
 * A deadlock's wait-for graph as Graphviz DOT (`dot -Tsvg deadlock.dot > deadlock.svg`): one box
 * per rank with its blocked call and source line, an arrow to each rank it waits for. Waits for a
 * specific rank are solid arrows; waits for any of several ranks (ANY_SOURCE, waitany) are dashed
 * and labelled "any of", as MUST draws OR edges. The cycle is drawn in red; finished ranks are
 * dashed boxes.
 */
import type { DeadlockGraph } from '../errors.js';
import { waitEdges } from './wait-graph.js';

/** A DOT string literal: quotes and backslashes escaped, line breaks as DOT's centred \n. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function deadlockDot(graph: DeadlockGraph): string {
  const inCycle = new Set<string>();
  for (let i = 0; i + 1 < graph.cycle.length; i++) inCycle.add(`${graph.cycle[i]}->${graph.cycle[i + 1]}`);
  const cycleRanks = new Set(graph.cycle);
  const lines = [
    'digraph deadlock {',
    '  graph [rankdir=LR, label="threadmpi: deadlock (arrow: waits for)", labelloc=t, fontname="Helvetica"];',
    '  node [shape=box, fontname="Courier", fontsize=10];',
  ];
  for (const b of graph.blocked) {
    const label = [`rank ${b.rank}`, b.call, ...(b.location === undefined ? [] : [`at ${b.location}`])].join('\n');
    lines.push(`  rank${b.rank} [label=${quote(label)}${cycleRanks.has(b.rank) ? ', color=red' : ''}];`);
  }
  for (const r of graph.finished) lines.push(`  rank${r} [label=${quote(`rank ${r}\nfinished`)}, style=dashed];`);
  for (const b of graph.blocked) {
    for (const to of waitEdges(b)) {
      const attrs: string[] = [];
      if (b.waitsFor.kind === 'any') attrs.push('style=dashed', 'label="any of"');
      if (inCycle.has(`${b.rank}->${to}`)) attrs.push('color=red', 'penwidth=2');
      lines.push(`  rank${b.rank} -> rank${to}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
