/**
 * Node.js 22.1+ can keep compiled code on disk (module.enableCompileCache), so the library's
 * chunks are not compiled again by every rank thread of every run. Enabling it affects only the
 * calling thread; threads started afterwards inherit it through NODE_COMPILE_CACHE, which is set
 * here. Node 20 has no such cache: there this does nothing.
 */
import * as nodeModule from 'node:module';

type Enable = () => { directory?: string } | undefined;

export function enableCompileCache(): void {
  const enable = (nodeModule as { enableCompileCache?: Enable }).enableCompileCache;
  if (enable === undefined) return;
  const directory = enable()?.directory;
  if (directory !== undefined) process.env.NODE_COMPILE_CACHE ??= directory;
}
