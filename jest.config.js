// One jest config, three projects: unit tests beside the code (*.test.ts), integration tests on the real engines
// (*.int.test.ts: chdb, SQLite, real processes), end-to-end tests in tests/ (whole stack, real browser).
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] };
const common = {
  transform,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
module.exports = {
  // Real engines under a loaded 2-core machine: generous per-test time (a project-level testTimeout is ignored).
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/*/src/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '/node_modules/', '<rootDir>/packages/dashboard/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/packages/*/src/**/*.int.test.ts', '<rootDir>/bench/**/*.int.test.ts'],
    },
    {
      ...common,
      displayName: 'dashboard',
      testEnvironment: 'jsdom',
      setupFiles: [],
      setupFilesAfterEnv: ['<rootDir>/packages/dashboard/src/test/setup.ts'],
      testMatch: ['<rootDir>/packages/dashboard/src/**/*.test.tsx', '<rootDir>/packages/dashboard/src/**/*.test.ts'],
      moduleNameMapper: {
        '\\.(css)$': '<rootDir>/packages/dashboard/src/test/style-stub.ts',
        // the Vite plugin's module (vite.config.ts): the same reduced county outlines, computed in the test process
        '^virtual:county-outlines$': '<rootDir>/packages/dashboard/src/test/county-outlines.ts',
      },
      // d3-geo (the screen's map) and its d3-array / internmap ship ES modules only: compiled like our own sources.
      transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(d3-|internmap))'],
      transform: { ...transform, '^.+\\.mjs$': transform['^.+\\.(t|j)sx?$'] },
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/**/*.e2e.test.ts'] },
  ],
};
