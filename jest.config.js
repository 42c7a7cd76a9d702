// Type checking is `npm run typecheck` (part of `npm test`); jest only transpiles.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const moduleNameMapper = {
  '^@valley/contracts$': '<rootDir>/libs/contracts/src',
  '^@valley/messaging$': '<rootDir>/libs/messaging/src',
  '^@valley/platform$': '<rootDir>/libs/platform/src',
  '^@valley/testing$': '<rootDir>/libs/testing/src',
};
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,infra}/**/*.spec.ts', '<rootDir>/test/deploy/**/*.spec.ts', '<rootDir>/examples/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/test/integration/**/*.test.ts', '<rootDir>/examples/**/test/integration/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
