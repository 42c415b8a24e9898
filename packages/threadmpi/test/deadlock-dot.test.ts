/** The wait-for graph as Graphviz DOT: AND edges solid, OR ("any of") edges dashed, the cycle red. */
import { deadlockDot, type DeadlockGraph } from 'threadmpi';

const graph: DeadlockGraph = {
  blocked: [
    { rank: 0, call: 'waitany([irecv(source=1, tag=1, comm=WORLD), irecv(source=2, tag=1, comm=WORLD)])', location: 'prog.ts:3:9', waitsFor: { kind: 'any', ranks: [1, 2] } },
    { rank: 1, call: 'recv(source=0, tag="x", comm=WORLD)', waitsFor: { kind: 'rank', ranks: [0] } },
  ],
  finished: [2],
  cycle: [0, 1, 0],
};

test('each rank is a box with its call and line; finished ranks are dashed', () => {
  const dot = deadlockDot(graph);
  expect(dot).toContain('rank0 [label="rank 0\\nwaitany([irecv(source=1, tag=1, comm=WORLD), irecv(source=2, tag=1, comm=WORLD)])\\nat prog.ts:3:9", color=red];');
  expect(dot).toContain('rank1 [label="rank 1\\nrecv(source=0, tag=\\"x\\", comm=WORLD)", color=red];');
  expect(dot).toContain('rank2 [label="rank 2\\nfinished", style=dashed];');
});

test('waits for any of several ranks are dashed "any of" edges; the cycle is red', () => {
  const edges = deadlockDot(graph).split('\n').filter((l) => l.includes('->'));
  expect(edges).toEqual([
    '  rank0 -> rank1 [style=dashed, label="any of", color=red, penwidth=2];',
    '  rank0 -> rank2 [style=dashed, label="any of"];',
    '  rank1 -> rank0 [color=red, penwidth=2];',
  ]);
});
