/** The documentation pages and the example snippets they import with VitePress's `<<< @/examples/...`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { docsDir } from './manifest.js';

export interface SnippetImport {
  page: string;
  file: string;
  region?: string;
}

/** Every .md page under docs/, as a path relative to docs/ (dependencies and build output excluded). */
export function listPages(dir = docsDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return item.name === 'node_modules' || item.name.startsWith('.') ? [] : listPages(full);
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
