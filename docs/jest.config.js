/** ts-jest in ESM mode, as in packages/atomics: the checker is TypeScript, the package is ESM. */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/test/tsconfig.json' }] },
  // Verbose, so an example skipped for a missing core feature shows up by name, with its reason.
  verbose: true,
  // Above the examples' own time limit (test/run-example.ts), so that limit is what reports a hang.
  testTimeout: 90000,
};
