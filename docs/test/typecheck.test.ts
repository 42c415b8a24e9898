/**
 * The example programs type-check against threadmpi's published types (dist/index.d.ts), so the
 * code on the pages is valid TypeScript for readers, not only for tsx (which strips types unchecked).
 * Examples skipped for a missing core feature are left out here too.
 */
import path from 'node:path';
import ts from 'typescript';
import { docsDir, examplesDir, loadManifest, missingFeatures } from './manifest.js';

test('runnable examples type-check against the threadmpi declarations', () => {
  const runnable = loadManifest().filter((entry) => missingFeatures(entry).length === 0);
  const files = [...new Set(runnable.flatMap((entry) => [entry.file, ...entry.uses]))].map((file) => path.join(examplesDir, file));

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
