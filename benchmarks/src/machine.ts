import { createRequire } from 'node:module';
import os from 'node:os';
import type { MachineInfo } from './report.js';

const require = createRequire(import.meta.url);

interface PackageJson {
  readonly version: string;
}

/** This package's version (package.json sits one level above both src/ and dist/). */
export const BENCH_VERSION = (require('../package.json') as PackageJson).version;

/** What the figures were measured on, recorded with every report. */
export function describeMachine(nativeMpi: string | null, date: Date): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    platform: os.platform(),
    arch: os.arch(),
    node: process.version,
    threadmpi: (require('threadmpi/package.json') as PackageJson).version,
    nativeMpi,
    date: date.toISOString(),
  };
}
