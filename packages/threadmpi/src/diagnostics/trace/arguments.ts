/**
 * Turning the arguments of an MPI call into the small JSON `args` of its trace slice: ranks and
 * tags as numbers (ANY_SOURCE, ANY_TAG, PROC_NULL by name), buffers as their type and length,
 * values as their type, communicators by name, other MPI objects as class and name (`Op(SUM)`).
 * Never the data itself: a trace must stay small.
 *
 * Parameter names come from the method's own source (`Send(buf, dest, tag = 0)`), read once per
 * method when tracing is installed, so every method any part of threadmpi adds is traced with
 * its real parameter names without a table to keep in step.
 */
import { Comm } from '../../Comm.js';
import { ANY_SOURCE, ANY_TAG, IN_PLACE, PROC_NULL } from '../../constants.js';

const MAX_TEXT = 60;

/** The parameter names of a function, `arg<i>` where one is not a plain name (destructuring). */
export function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const source = Function.prototype.toString.call(fn);
  const open = source.indexOf('(');
  if (open < 0) return [];
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i]!;
    if (depth === 0 && (c === ',' || c === ')')) {
      if (current.trim() !== '') names.push(current);
      current = '';
      if (c === ')') break;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    current += c;
  }
  return names.map((p, i) => {
    const name = p.split('=')[0]!.trim().replace(/^\.\.\./, '');
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `arg${i}`;
  });
}

function summarize(name: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (value === PROC_NULL && /source|dest|rank/i.test(name)) return 'PROC_NULL';
    if (value === ANY_SOURCE && /source/i.test(name)) return 'ANY_SOURCE';
    if (value === ANY_TAG && /tag/i.test(name)) return 'ANY_TAG';
    return value;
  }
  if (typeof value === 'string') return value.length <= MAX_TEXT ? value : `${value.slice(0, MAX_TEXT - 3)}...`;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === IN_PLACE) return 'IN_PLACE';
  if (typeof value === 'function') return 'function';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength})`;
  if (Array.isArray(value)) return `[${value.slice(0, 4).map((v) => String(summarize('', v))).join(', ')}${value.length > 4 ? ', ...' : ''}]`;
  if (value instanceof Comm) return value.name;
  if (typeof value === 'object') {
    const kind = value.constructor?.name ?? 'object';
    const label = (value as { name?: unknown }).name;
    return typeof label === 'string' ? `${kind}(${label})` : kind;
  }
  return typeof value;
}

/** The `args` of a call's slice; undefined arguments (defaults) are left out. */
export function callArgs(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  values.forEach((value, i) => {
    if (value !== undefined) args[names[i] ?? `arg${i}`] = summarize(names[i] ?? '', value);
  });
  return args;
}
