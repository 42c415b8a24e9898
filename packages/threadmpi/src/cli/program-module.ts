/**
 * The program a CLI job runs, as its ranks load it. A JavaScript program is imported as it is. A
 * TypeScript program is compiled here, once for all ranks (typescript-bundle.ts), and the ranks
 * import the result: on Node 20 a rank thread that registers tsx's loader hooks instead starts a
 * hooks thread of its own and loads tsx in both, ~700 ms of CPU a rank (docs/design.md,
 * "Start-up").
 *
 * One promise per file: early-start.ts begins the compile while the rest of the CLI loads, and
 * the `run` action gets the same promise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED_TYPESCRIPT, bundleTypeScript } from './typescript-bundle.js';

export interface ProgramModule {
  /** The program file's URL: the ranks' process.argv[1], the name in traces and reports. */
  readonly module: string;
  /** What the ranks import instead of `module`, if the CLI compiled the program. */
  readonly compiled?: string;
  /** Remove what compiling wrote, once the job is over. */
  dispose(): void;
}

const modules = new Map<string, Promise<ProgramModule>>();

export function programModule(file: string): Promise<ProgramModule> {
  const path = resolve(file);
  let module = modules.get(path);
  if (module === undefined) {
    module = load(path);
    modules.set(path, module);
  }
  return module;
}

async function load(path: string): Promise<ProgramModule> {
  const module = pathToFileURL(path).href;
  if (!BUNDLED_TYPESCRIPT.test(path)) return { module, dispose: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'threadmpi-ts-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    // Named after the program: the name shows if a frame has no source mapping.
    const outfile = join(dir, `${basename(path)}.mjs`);
    writeFileSync(outfile, await bundleTypeScript(path, outfile));
    return { module, compiled: pathToFileURL(outfile).href, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
