/** Parsers for the command-line flags; each throws commander's InvalidArgumentError with what was expected. */
import { InvalidArgumentError } from 'commander';

const UNIT_FACTORS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `4096`, `4K`, `4KiB`, `4kb` -> bytes (binary units, as message sizes are powers of two). */
export function parseByteSize(text: string): number {
  const match = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (match === null) throw new InvalidArgumentError(`expected a size in bytes like 4096 or 4K, got "${text}"`);
  const bytes = Number(match[1]) * UNIT_FACTORS[match[2]!.toLowerCase()]!;
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError(`size "${text}" is too large`);
  return bytes;
}

/** OSU's `-m [MIN:]MAX`; without MIN the benchmark's own minimum stays. */
export interface SizeRange {
  readonly min?: number;
  readonly max: number;
}

export function parseSizeRange(text: string): SizeRange {
  const parts = text.split(':');
  if (parts.length > 2) throw new InvalidArgumentError(`expected [MIN:]MAX, got "${text}"`);
  const max = parseByteSize(parts[parts.length - 1]!);
  if (parts.length === 1 || parts[0] === '') return { max };
  const min = parseByteSize(parts[0]!);
  if (min > max) throw new InvalidArgumentError(`MIN ${min} is larger than MAX ${max}`);
  return { min, max };
}

/** `2,4,8` -> [2, 4, 8]. */
export function parseRankList(text: string): number[] {
  const ranks = text.split(',').map((part) => Number(part.trim()));
  if (text.trim() === '' || ranks.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new InvalidArgumentError(`expected comma-separated rank counts like 2,4, got "${text}"`);
  }
  return ranks;
}

export function parsePositiveInteger(text: string): number {
  return parseIntegerAtLeast(text, 1);
}

export function parseNonNegativeInteger(text: string): number {
  return parseIntegerAtLeast(text, 0);
}

function parseIntegerAtLeast(text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(`expected an integer >= ${min}, got "${text}"`);
  }
  return value;
}

/** `--algo`/`--sync`: `all`, or comma-separated names (checked against the benchmark when planning). */
export function parseVariantList(text: string): 'all' | string[] {
  const names = text.split(',').map((part) => part.trim());
  if (names.some((name) => !/^[a-z][a-z0-9_]*$/.test(name))) {
    throw new InvalidArgumentError(`expected "all" or comma-separated names like ring,linear, got "${text}"`);
  }
  return names.includes('all') ? 'all' : names;
}

/**
 * `--checks`: run threadmpi with its collective-mismatch checks and leftovers report on (the default),
 * off (`checks: false`), or both, interleaved size by size so the two can be compared.
 */
export const CHECKS_SETTINGS = ['on', 'off', 'both'] as const;
export type ChecksSetting = (typeof CHECKS_SETTINGS)[number];

/** A choice among `allowed`, with the choices in the message. */
export function choiceParser<T extends string>(allowed: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(allowed as readonly string[]).includes(text)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got "${text}"`);
    }
    return text as T;
  };
}
