/**
 * `vitepress build`, failing on any warning it prints. VitePress fails on dead links by itself,
 * but only warns about other problems (a code block in a language it cannot highlight, a chunk
 * too large, a missing asset), and a warning nobody reads is how a site decays.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// What VitePress, Vite and Shiki print when something is off, and never on a clean build.
const WARNING = /warn|falling back|not loaded|\(!\)|could not|failed/i;

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitepress = path.join(docsDir, 'node_modules', 'vitepress', 'bin', 'vitepress.js');
const child = spawn(process.execPath, [vitepress, 'build'], { cwd: docsDir, stdio: ['ignore', 'pipe', 'pipe'] });
const warnings: string[] = [];
for (const stream of [child.stdout, child.stderr]) {
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    process.stdout.write(text);
    warnings.push(...text.split('\n').filter((line) => WARNING.test(line)));
  });
}
child.on('close', (code) => {
  if (code === 0 && warnings.length > 0) {
    console.error(`\nvitepress build printed ${warnings.length} warning(s); the site must build cleanly:`);
    for (const line of warnings) console.error(`  ${line.trim()}`);
  }
  process.exitCode = code !== 0 ? (code ?? 1) : warnings.length > 0 ? 1 : 0;
});
