/** The checker's own rules: a bad manifest fails loudly, output compares fairly. */
import { parseManifest } from './manifest.js';
import { commandFor, normaliseOutput } from './run-example.js';

const [ring] = parseManifest([{ file: 'ring.ts', n: 4, expected: 'ring.txt' }]);

test('defaults fill the optional fields', () => {
  expect(ring).toMatchObject({ launch: 'cli', flags: [], args: [], order: 'exact', exit: 0, uses: [] });
});

test.each([
  [{ file: 'a.ts', n: 2, expected: 'a.txt', order: 'random' }, /order must be/],
  [{ file: 'a.ts', n: 2, expected: 'a.txt', need: ['rma'] }, /unknown key 'need'/],
  [{ file: 'a.ts', expected: 'a.txt' }, /needs n >= 1/],
  [{ file: 'a.ts', launch: 'node', n: 2, expected: 'a.txt' }, /remove n/],
  [{ file: 'a.ts', n: 2 }, /expected must be a string/],
  [{ file: 'a.ts', n: 2, expected: 'a.txt', stderr: 3 }, /stderr must be a file name/],
  [{ file: 'a.ts', launch: 'node', expected: 'a.txt', dot: 'a.dot' }, /dot needs a cli entry/],
])('rejects %j', (entry, message) => {
  expect(() => parseManifest([entry])).toThrow(message);
});

test('cli entries put the flags before the program and the args after it', () => {
  const [entry] = parseManifest([{ file: 'x.ts', n: 3, flags: ['--eager-limit', '0'], args: ['7'], expected: 'x.txt' }]);
  const command = commandFor(entry);
  expect(command.slice(1, 6)).toEqual(['run', '-n', '3', '--eager-limit', '0']);
  expect(command[6]).toMatch(/examples[\\/]x\.ts$/);
  expect(command[7]).toBe('7');
  // --deadlock-dot joins the flags, before the program.
  expect(commandFor(entry, '/tmp/g.dot').slice(5, 8)).toEqual(['0', '--deadlock-dot', '/tmp/g.dot']);
});

test('output comparison ignores trailing blanks and, for sorted entries, line order', () => {
  expect(normaliseOutput('b  \na\n\n', 'exact')).toEqual(['b', 'a']);
  expect(normaliseOutput('b\na\n', 'sorted')).toEqual(['a', 'b']);
});
