/**
 * Internals that the test suite imports by their dist/ path (dist/runtime/test-internals.js); the
 * package's exports do not reach them. A rank program imports it too, so it is an entry of the
 * library bundle and shares its module instances (scripts/bundle.mjs). It re-exports the public
 * API and the rank entry as well: an entry that reaches everything the rank entries reach leaves
 * the chunks they load as they are.
 */
export * from '../index.js';
export { default as runRank } from './worker.js';
export { enterCollective } from '../diagnostics/collective-ledger.js';
export { callArgs, parameterNames } from '../diagnostics/trace/arguments.js';
