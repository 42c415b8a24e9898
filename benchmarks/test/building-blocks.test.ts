import { nativeArguments } from '../src/native/measure.js';
import { chooseProgress, SILENT_PROGRESS } from '../src/progress.js';
import { reduceScatterCounts } from '../src/ranks/collectives.js';
import { contribution, countWrongBlocks, expectedSum, patternBlocks } from '../src/ranks/patterns.js';

describe('progress', () => {
  test('a bar only on a terminal without --quiet', () => {
    expect(chooseProgress(false, false)).toBe(SILENT_PROGRESS);
    expect(chooseProgress(true, true)).toBe(SILENT_PROGRESS);
    expect(chooseProgress(false, true)).not.toBe(SILENT_PROGRESS);
  });
});

describe('verification data', () => {
  test('the sum of every rank\'s contribution is what expectedSum says', () => {
    const ranks = 5;
    const sum = new Float64Array(40);
    for (let r = 0; r < ranks; r++) contribution(r, 40).forEach((v, i) => (sum[i]! += v));
    sum.forEach((v, i) => expect(v).toBe(expectedSum(ranks, i)));
  });

  test('a misplaced or missing block is counted wrong', () => {
    const blocks = patternBlocks(3, 16, (b) => b);
    expect(countWrongBlocks(blocks, 16, (b) => b)).toBe(0);
    expect(countWrongBlocks(blocks, 16, (b) => 2 - b)).toBeGreaterThan(0);
    blocks.fill(0xff, 16, 32);
    expect(countWrongBlocks(blocks, 16, (b) => b)).toBe(16);
  });

  test('reduce_scatter splits as OSU does: equal counts, the remainder to the first ranks', () => {
    expect(reduceScatterCounts(10, 4)).toEqual([3, 3, 2, 2]);
    expect(reduceScatterCounts(1, 3)).toEqual([1, 0, 0]);
  });
});

test('native programs get the leading arguments, the variant when it matters, then the rank arguments', () => {
  expect(nativeArguments({ program: 'rma', leadingArgs: ['put_bw'], variantArg: true }, 'fence', ['create', 64])).toEqual([
    'put_bw', 'fence', 'create', '64',
  ]);
  expect(nativeArguments({ program: 'coll', leadingArgs: ['allreduce'], variantArg: false }, 'ring', [])).toEqual(['allreduce']);
});
