/**
 * Loading the user's program inside a rank. TypeScript programs run without a build step: the
 * CLI compiles one once for all its ranks (cli/program-module.ts) and a rank imports the result,
 * with source maps on, so that stack traces and reported call sites name the .ts files and lines.
 * Any other TypeScript module (mpirun's, in the warm pool) registers tsx's ESM loader hooks in the
 * first worker that loads one.
 *
 * In program mode the module's top-level code *is* the rank's program, so it must run again for
 * every job even in a warm (reused) worker: a per-job query string gives each job a fresh module
 * instance instead of the cached one.
 */
import { pathToFileURL } from 'node:url';

let tsxRegistered = false;

function isTypeScript(href: string): boolean {
  return /\.(ts|mts|cts|tsx)(\?|$)/.test(href);
}

export async function loadProgram(href: string, compiled: string | undefined, freshInstanceKey?: number): Promise<Record<string, unknown>> {
  if (compiled !== undefined) {
    // Before the import: Node reads a module's source map when it loads the module.
    process.setSourceMapsEnabled(true);
    href = compiled;
  } else if (isTypeScript(href) && !tsxRegistered) {
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
  }
  const url = freshInstanceKey === undefined ? href : `${href}${href.includes('?') ? '&' : '?'}threadmpi-job=${freshInstanceKey}`;
  return (await import(url)) as Record<string, unknown>;
}

/** A module reference as given by a user (URL, file: URL string, or path) as a URL string. */
export function toModuleHref(module: URL | string): string {
  if (module instanceof URL) return module.href;
  if (/^(file|data):/.test(module)) return module;
  return pathToFileURL(module).href;
}
