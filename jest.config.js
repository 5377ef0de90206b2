// One jest run covers the three tiers: unit (*.spec.ts beside the code), integration (*.int-spec.ts, real
// PostgreSQL) and end-to-end (test/*.e2e-spec.ts, the real apps over HTTP). globalSetup starts one
// PostgreSQL and migrates a template database; each test file clones its own database from it.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const libs = [
  'kernel',
  'core',
  'accounts',
  'auth',
  'audit',
  'catalog',
  'subscriptions',
  'invoicing',
  'usage',
  'payments',
  'dunning',
  'webhooks',
  'analytics',
  'testing',
];
const moduleNameMapper = {
  ...Object.fromEntries(libs.map((lib) => [`^@billing/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`])),
  // Each lib's pure surface, for other domains: libs/<lib>/src/domain/index.ts.
  '^@billing/([a-z-]+)/domain$': '<rootDir>/libs/$1/src/domain/index.ts',
  // Our own API client (packages/client), which the end-to-end tests drive the api with.
  '^@billing/client$': '<rootDir>/packages/client/src/index.ts',
};

// Dependencies published as ES modules only; jest's CommonJS runtime needs them transformed.
const esmOnly = ['content-disposition', 'jose', 'pdfjs-dist'];

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.m?[tj]s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper,
};

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,packages}/**/*.spec.ts'],
    },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
