/**
 * Compiles a TypeScript program, once, into one ES module that its ranks import as plain
 * JavaScript (cli/program-module.ts says why). esbuild bundles the program's own TypeScript files
 * (relative imports, tsconfig `paths`, `./x.js` naming `./x.ts`); every other import stays an
 * import, of the very file Node would have loaded, written as an absolute URL since the bundle
 * lives in a temporary directory. So `threadmpi` is the rank's own library instance, JavaScript
 * and JSON files load as before, and only what tsx used to transform is compiled.
 *
 * Each TypeScript file keeps its own `import.meta.url`, `filename` and `dirname` (a program may
 * read data next to its source): `define` points them at a per-file module of constants that
 * the file imports (appended after its last line, so no line moves; imports are hoisted, so the
 * values exist before the file's code runs). The inline source map maps stack frames back to the
 * .ts files and lines.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as esbuild from 'esbuild';

/** The files compiled: TypeScript as ES modules (a .cts file is CommonJS: the ranks' tsx loads it). */
export const BUNDLED_TYPESCRIPT = /\.(ts|mts|tsx)$/;

/** The compile failed; esbuild has printed why, with the file, line and an excerpt. */
export class CompileError extends Error {
  constructor(file: string) {
    super(`cannot compile ${file}`);
    this.name = 'CompileError';
  }
}

const META_NAMESPACE = 'threadmpi-meta';
const META_BINDING = '__threadmpi_import_meta';
/** Marks the plugin's own resolve calls, so that it does not answer them itself. */
const INNER_RESOLVE = Symbol('threadmpi inner resolve');

/** The ES module text for `entry` (an absolute path), to be written to `outfile`. */
export async function bundleTypeScript(entry: string, outfile: string): Promise<string> {
  // Loaded here, so that a JavaScript program's run never loads it; and with require(), not
  // import(): esbuild is CommonJS, and import() would first scan its ~100 KB for export names
  // (cjs-module-lexer), ~20 ms of the CLI's start-up.
  const { build, stop } = createRequire(import.meta.url)('esbuild') as typeof esbuild;
  try {
    const result = await build({
      entryPoints: [entry],
      outfile,
      write: false,
      bundle: true,
      format: 'esm',
      platform: 'node',
      // The ranks run on this very Node.js: no syntax lowering, as with tsx.
      target: `node${process.versions.node}`,
      // Resolve packages as Node does: no `module` condition, no `module` main field.
      conditions: [],
      mainFields: ['main'],
      sourcemap: 'inline',
      // Node reads the sources from disk for its error excerpts; the ranks need only the mappings.
      sourcesContent: false,
      // Every statement runs, as it would unbundled (no dropping of unused code or of files that
      // a package.json calls free of side effects).
      treeShaking: false,
      // Function and class names show in stack traces and in `fn.name`; bundling must not rename them.
      keepNames: true,
      define: {
        ...Object.fromEntries(['url', 'filename', 'dirname'].map((key) => [`import.meta.${key}`, `${META_BINDING}.${key}`])),
        // An ES module has no `require`; left free, esbuild would put a shim of its own there.
        require: 'undefined',
      },
      plugins: [ownTypeScriptOnly],
      logLevel: 'error',
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    // A build failure (esbuild has printed its messages), or esbuild itself failed.
    throw error instanceof Error && 'errors' in error ? new CompileError(entry) : error;
  } finally {
    void stop();
  }
}

const ownTypeScriptOnly: esbuild.Plugin = {
  name: 'threadmpi-own-typescript-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === INNER_RESOLVE) return undefined;
      if (args.path.startsWith(`${META_NAMESPACE}:`)) return { path: args.path.slice(META_NAMESPACE.length + 1), namespace: META_NAMESPACE };
      const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, with: args.with, pluginData: INNER_RESOLVE });
      // Unresolvable: esbuild reports it, at the import, and the compile fails.
      if (found.errors.length > 0) return undefined;
      // A Node.js built-in (or a data: URL): left as written.
      if (found.external || found.namespace !== 'file') return { path: args.path, external: true };
      if (BUNDLED_TYPESCRIPT.test(found.path)) return { path: found.path };
      return { path: pathToFileURL(found.path).href, external: true };
    });
    build.onLoad({ filter: BUNDLED_TYPESCRIPT, namespace: 'file' }, async (args) => ({
      contents: `${await readFile(args.path, 'utf8')}\nimport * as ${META_BINDING} from ${JSON.stringify(`${META_NAMESPACE}:${args.path}`)};\n`,
      loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
    }));
    build.onLoad({ filter: /.*/, namespace: META_NAMESPACE }, (args) => ({
      contents: [
        `export const url = ${JSON.stringify(pathToFileURL(args.path).href)};`,
        `export const filename = ${JSON.stringify(args.path)};`,
        `export const dirname = ${JSON.stringify(dirname(args.path))};`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};
