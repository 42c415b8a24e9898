/**
 * The example programs type-check against threadmpi's published types (dist/index.d.ts), so the
 * code on the pages is valid TypeScript for readers, not only for tsx (which strips types unchecked).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { docsDir, examplesDir, loadManifest } from './manifest.js';

const scriptsDir = path.join(docsDir, 'scripts');

test('example programs and docs scripts type-check against the threadmpi declarations', () => {
  const examples = [...new Set(loadManifest().flatMap((entry) => [entry.file, ...entry.uses]))].map((file) => path.join(examplesDir, file));
  // The picture scripts too: the docs tell readers to run render-trace.ts on their own traces.
  const scripts = readdirSync(scriptsDir).filter((name) => name.endsWith('.ts')).map((name) => path.join(scriptsDir, name));
  const files = [...examples, ...scripts];

  const config = ts.getParsedCommandLineOfConfigFile(path.join(docsDir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error('docs/tsconfig.json could not be read');

  const program = ts.createProgram(files, config.options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const report = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => docsDir,
    getNewLine: () => '\n',
  });
  expect(report).toBe('');
});
