/** How a traced call's arguments become its slice's `args`: real parameter names, small summaries. */
import { ANY_SOURCE, ANY_TAG, COMM_WORLD, IN_PLACE, PROC_NULL } from 'threadmpi';
import { callArgs, parameterNames } from '../dist/runtime/test-internals.js';

class Example {
  Recv(buf: Float64Array, source = ANY_SOURCE, tag = ANY_TAG, status = new Map([[1, 2]])): unknown {
    return [buf, source, tag, status];
  }
  destructured({ a }: { a: number }, ...rest: number[]): number {
    return a + rest.length;
  }
}

test('parameter names are read from the method source, defaults and all', () => {
  expect(parameterNames(Example.prototype.Recv)).toEqual(['buf', 'source', 'tag', 'status']);
  expect(parameterNames(Example.prototype.destructured)).toEqual(['arg0', 'rest']);
  expect(parameterNames(() => 0)).toEqual([]);
});

test('ranks and tags keep their MPI names; buffers, values and objects are summarised', () => {
  const names = ['buf', 'source', 'tag', 'dest', 'obj', 'status', 'op'];
  expect(callArgs(names, [new Float64Array(5), ANY_SOURCE, ANY_TAG, PROC_NULL, 'x'.repeat(100), undefined, { name: 'SUM' }])).toEqual({
    buf: 'Float64Array(5)',
    source: 'ANY_SOURCE',
    tag: 'ANY_TAG',
    dest: 'PROC_NULL',
    obj: `${'x'.repeat(57)}...`,
    op: 'Object(SUM)',
  });
  expect(callArgs(['sendbuf', 'comm', 'values', 'n'], [IN_PLACE, COMM_WORLD, [1, 2n, [3], null, 5], 7n])).toEqual({
    sendbuf: 'IN_PLACE',
    comm: 'WORLD',
    values: '[1, 2n, [3], null, ...]',
    n: '7n',
  });
});
