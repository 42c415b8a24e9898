/**
 * Reading the C / mpi4py / threadmpi table (reference/mapping.md): every code span in a row's
 * threadmpi column names one export, as its leading dotted name (`Comm.Send(buf, dest)` names
 * `Comm.Send`; `new sync.Counter(comm)` names nothing, since it starts with a keyword).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { docsDir } from './manifest.js';

export const mappingPage = path.join(docsDir, 'reference', 'mapping.md');

/** The cells of a Markdown table row; `\|` inside a cell is not a separator. */
export function tableCells(line: string): string[] | null {
  if (!line.startsWith('|')) return null;
  return line.slice(1, line.endsWith('|') ? -1 : undefined).split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const KEYWORDS = new Set(['new', 'await', 'threadmpi']);

/** The export a code span names, or null when it names none (a command, `new X(...)`). */
export function nameIn(span: string): string | null {
  const match = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/.exec(span);
  if (match === null || KEYWORDS.has(match[1]!)) return null;
  return match[1]!;
}

/** Every name the threadmpi column of the page's tables mentions, with the line it is on. */
export function namesInTable(text: string): Array<{ name: string; line: number }> {
  const found: Array<{ name: string; line: number }> = [];
  text.split('\n').forEach((line, index) => {
    const cells = tableCells(line);
    if (cells === null || cells.length !== 3) return;
    const [, , threadmpi] = cells;
    if (threadmpi === 'threadmpi' || /^-+$/.test(threadmpi!)) return; // header and rule
    for (const [, span] of threadmpi!.matchAll(/`([^`]+)`/g)) {
      const name = nameIn(span!);
      if (name !== null) found.push({ name, line: index + 1 });
    }
  });
  return found;
}

export function readMappingPage(): string {
  return readFileSync(mappingPage, 'utf8');
}
