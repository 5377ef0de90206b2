// ESLint 9 flat config: the recommended JavaScript and TypeScript rules, plus the three type-aware rules
// that catch lost promises (the costly bugs in a Nest/BullMQ code base) through the TypeScript project
// service. A full run takes a few seconds on 2 cores. Formatting is Prettier's job (.prettierrc).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  __dirname: 'readonly',
  __filename: 'readonly',
  Buffer: 'readonly',
  console: 'readonly',
  exports: 'writable',
  module: 'writable',
  process: 'readonly',
  require: 'readonly',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'helm/**',
      '**/*.d.ts',
      // sdk:check's work, and its scenarios, which import the clients it generates there (type-checked by it).
      '.sdk-check/**',
      'scripts/sdk/scenarios/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Type-aware rules for the TypeScript sources (every .ts file is in tsconfig.json's include).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // CommonJS config files at the root (jest.config.js, .dependency-cruiser.js).
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The apps and the libraries log through pino (nestjs-pino), never the console.
    files: ['apps/**', 'libs/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**', 'libs/testing/**'],
    rules: { 'no-console': 'off' },
  },
);
