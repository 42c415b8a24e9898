/** The documentation pages and the example snippets they import with VitePress's `<<< @/examples/...`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { docsDir } from './manifest.js';

export interface SnippetImport {
  page: string;
  file: string;
  region?: string;
}

// Not pages written here: dependencies, and the API reference that typedoc generates into api/.
const NOT_WRITTEN = new Set(['node_modules', path.join(docsDir, 'api')]);

/** Every .md page under docs/, as a path relative to docs/ (dependencies and build output excluded). */
export function listPages(dir = docsDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return NOT_WRITTEN.has(item.name) || NOT_WRITTEN.has(full) || item.name.startsWith('.') ? [] : listPages(full);
    return item.name.endsWith('.md') ? [path.relative(docsDir, full)] : [];
  });
}

// `<<< @/examples/ring.ts`, optionally with `#region`, a `{ts}` language or `[title]` after it.
const SNIPPET = /^<<<\s+@\/examples\/([^\s#{[]+)(?:#([\w-]+))?/gm;

export function snippetImports(page: string): SnippetImport[] {
  const text = readFileSync(path.join(docsDir, page), 'utf8');
  return [...text.matchAll(SNIPPET)].map(([, file, region]) => ({ page, file, region }));
}

export function hasRegion(source: string, region: string): boolean {
  return source.includes(`// #region ${region}\n`) && source.includes(`// #endregion ${region}\n`);
}

export interface CodeBlock {
  page: string;
  line: number;
  lang: string;
  code: string;
}

/** The fenced code blocks written inline in a page (not the `<<<` imports). */
export function codeBlocks(page: string): CodeBlock[] {
  const lines = readFileSync(path.join(docsDir, page), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (open === null) continue;
    const fence = open[2]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence); i++) body.push(lines[i]!);
    blocks.push({ page, line: start + 1, lang: open[3]!, code: body.join('\n') });
  }
  return blocks;
}

/** A block is a program, not a fragment, when it imports or exports: then it must be a tested example. */
export function isProgram(block: CodeBlock): boolean {
  return /^(ts|typescript|js|javascript|mjs|mts)$/.test(block.lang) && /^\s*(import|export)\s/m.test(block.code);
}
