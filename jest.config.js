// Type checking is `npm run typecheck` (part of `npm test`); jest only transpiles.
// @kubernetes-models/strimzi-kafka-operator (Strimzi's CRD schemas, test/deploy) is ESM-only:
// ts-jest turns it and the packages nested under it into CommonJS, and test/jest-esm-resolver.js
// resolves them by their `import` export condition. Nothing else in node_modules is transformed.
const STRIMZI_MODELS = '/node_modules/@kubernetes-models/strimzi-kafka-operator/';
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  [`${STRIMZI_MODELS}.+\\.js$`]: ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest-esm.json' }],
};
const transformIgnorePatterns = [`^(?!.*${STRIMZI_MODELS}).*/node_modules/`];
const resolver = '<rootDir>/test/jest-esm-resolver.js';
const moduleNameMapper = {
  '^@valley/contracts$': '<rootDir>/libs/contracts/src',
  '^@valley/messaging$': '<rootDir>/libs/messaging/src',
  '^@valley/platform$': '<rootDir>/libs/platform/src',
  '^@valley/testing$': '<rootDir>/libs/testing/src',
};
const common = { rootDir: __dirname, transform, transformIgnorePatterns, resolver, moduleNameMapper, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

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
