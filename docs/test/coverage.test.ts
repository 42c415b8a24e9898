/**
 * Keeps the pages, the example programs and the manifest in step, without running anything:
 * every example is tested, every expected output belongs to an entry, and every snippet a page
 * shows comes from a tested file (VitePress itself would only render "not found" into the page).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { examplesDir, expectedDir, loadManifest } from './manifest.js';
import { codeBlocks, hasRegion, isProgram, listPages, snippetImports } from './pages.js';

const entries = loadManifest();
const pages = listPages();
const snippets = pages.flatMap(snippetImports);

test('every example program is run by a manifest entry', () => {
  const covered = new Set(entries.flatMap((entry) => [entry.file, ...entry.uses]));
  const programs = readdirSync(examplesDir).filter((name) => name.endsWith('.ts'));
  expect(programs.filter((name) => !covered.has(name))).toEqual([]);
  expect([...covered].filter((name) => !programs.includes(name))).toEqual([]);
});

test('expected outputs and manifest entries match one to one', () => {
  const referenced = new Set(entries.flatMap((entry) => [entry.expected, entry.stderr, entry.dot].filter((file) => file !== undefined)));
  expect(readdirSync(expectedDir).sort()).toEqual([...referenced].sort());
});

test('every snippet a page imports exists, with its region', () => {
  expect(snippets.length).toBeGreaterThan(0);
  const broken = snippets.filter(({ file, region }) => {
    let source: string;
    try {
      source = readFileSync(path.join(examplesDir, file), 'utf8');
    } catch {
      return true;
    }
    return region !== undefined && !hasRegion(source, region);
  });
  expect(broken).toEqual([]);
});

test('every tested example is shown on some page', () => {
  const shown = new Set(snippets.map(({ file }) => file));
  const programs = new Set(entries.flatMap((entry) => [entry.file, ...entry.uses]));
  expect([...programs].filter((file) => !shown.has(file))).toEqual([]);
});

test('no page shows a program inline: programs are tested examples, imported with <<<', () => {
  const inline = pages.flatMap(codeBlocks).filter(isProgram).map(({ page, line }) => `${page}:${line}`);
  expect(inline).toEqual([]);
});

test('the code block reader finds fenced blocks and tells programs from fragments', () => {
  const program = { page: 'p.md', line: 1, lang: 'ts', code: "import { COMM_WORLD } from 'threadmpi';\nconsole.log(1);" };
  expect(isProgram(program)).toBe(true);
  expect(isProgram({ ...program, code: 'comm.send(value, dest, tag);' })).toBe(false);
  expect(isProgram({ ...program, lang: 'sh', code: 'export X=1' })).toBe(false);
  expect(codeBlocks('index.md').some((block) => block.lang === 'sh')).toBe(true);
});
