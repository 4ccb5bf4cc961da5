/**
 * Three projects so the slow ones can run alone:
 *  - unit: core, adapters, API and bot over real loopback HTTP (node environment)
 *  - tab: React components under jsdom
 *  - e2e: headless Chromium and the Agents Playground (needs /usr/bin/chromium)
 * ts-jest transpiles only (isolatedModules in tsconfig); `npm run typecheck` type-checks once.
 */
// @microsoft/app-manifest requires strip-bom, whose current major is ESM-only: jest (CommonJS) gets a copy.
const moduleNameMapper = {
  '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js',
  '^strip-bom$': '<rootDir>/tests/fixtures/package/strip-bom.cjs',
};

const tsJest = (tsconfig) => ({
  '^.+\\.tsx?$': ['ts-jest', { tsconfig, diagnostics: false }],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/{unit,contract,integration,security}/**/*.test.ts'],
      // a throwaway PostgreSQL cluster, so the store contract suite runs on both databases
      globalSetup: '<rootDir>/tests/contract/store/postgres-setup.ts',
      globalTeardown: '<rootDir>/tests/contract/store/postgres-teardown.ts',
      transform: tsJest('<rootDir>/tsconfig.json'),
      moduleNameMapper,
    },
    {
      displayName: 'tab',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/tab/**/*.test.tsx'],
      transform: tsJest('<rootDir>/tab/tsconfig.json'),
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      moduleNameMapper,
    },
  ],
};
