/**
 * Bundles the JavaScript that start-up loads; tsc still writes the declarations (dist/**\/*.d.ts)
 * and this replaces its JavaScript. Start-up is mostly module loading (each file a rank thread
 * loads costs it resolution, a read and a compile), so: see docs/design.md, "Launching, failure
 * and the warm pool".
 *
 * - The library: the public entry (dist/index.js) and the two rank-thread entries (the warm
 *   pool's dist/runtime/worker.js, the CLI's one-shot dist/runtime/thread.js), built together
 *   with code splitting, so what they share lives once in dist/chunks/. A rank runs user code
 *   that imports 'threadmpi' (package.json "exports" -> dist/index.js), and that code must see the
 *   same module instances as the rank's own entry (the current job, the collective configuration,
 *   the error classes): every entry imports the same chunk files, so each module has one instance
 *   per thread however the thread reached it.
 * - The internals the tests import (dist/runtime/test-internals.js), an entry of the same build.
 * - The CLI (dist/cli/main.js): one self-contained file, commander included (esbuild, which it
 *   loads only to compile a TypeScript program, stays a package). It runs no user code in its own
 *   thread, so it shares no instances with anything.
 *
 * The layout is relied upon: chunks and entries sit one directory below dist/, as their source
 * files do below src/, so `new URL('../runtime/thread.js', import.meta.url)` (launcher/) and the
 * package directory computed in runtime/call-site.ts mean the same in src/ and in the bundle.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');

const common = {
  absWorkingDir: root,
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Class and function names show up in messages and reports; bundling must not rename them.
  keepNames: true,
  // piscina loads its own worker file; tsx registers loader hooks; esbuild runs its own binary:
  // all stay packages. The workspace's @threadmpi/atomics is bundled in.
  external: ['piscina', 'tsx', 'tsx/*', 'esbuild'],
  metafile: true,
  logLevel: 'warning',
};

const results = await Promise.all([
  build({
    ...common,
    entryPoints: ['src/index.ts', 'src/runtime/worker.ts', 'src/runtime/thread.ts', 'src/runtime/test-internals.ts'],
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    // commander is CommonJS and requires Node's modules: give the ES module a require().
    banner: { js: "import { createRequire as __threadmpiCreateRequire } from 'node:module';\nconst require = __threadmpiCreateRequire(import.meta.url);" },
  }),
]);

// Remove JavaScript that tsc or an earlier bundle left in dist/ and this build did not write, so
// nothing can load a second, unbundled copy of a module.
const written = new Set(results.flatMap((r) => Object.keys(r.metafile.outputs)).map((file) => join(root, file)));
for (const file of walk(dist)) {
  if (/\.js(\.map)?$/.test(file) && !written.has(file)) rmSync(file);
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const files = [...written].filter((f) => f.endsWith('.js')).map((f) => relative(dist, f));
console.log(`bundled ${files.length} files into dist/: ${files.join(', ')}`);
