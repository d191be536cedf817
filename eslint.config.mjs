import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import boundaries, one pattern group per rule. Each file group below lists every group that
// applies to it, because a later `no-restricted-imports` entry replaces an earlier one.
const noNodeOrDom = {
  group: ['node:*', 'fs', 'path', 'os', 'crypto', 'electron', 'better-sqlite3'],
  message: 'src-shared is imported by the renderer too: no Node or Electron here.',
};
const noMainFromRenderer = {
  group: ['node:*', 'electron', 'better-sqlite3', '**/src-main', '**/src-main/**'],
  message: 'The renderer reaches the main process only through the preload API.',
};
const noProcessFromShared = {
  group: ['**/src-main', '**/src-main/**', '**/src-renderer', '**/src-renderer/**'],
  message: 'src-shared is shared by both processes: it imports neither src-main nor src-renderer.',
};
const noTestTree = {
  group: ['**/test', '**/test/**'],
  message: 'Product code does not import test support: test/ is for tests (*.test.ts) only.',
};
const restrict = (...patterns) => ['error', { patterns }];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.main.json',
          './tsconfig.renderer.json',
          './tsconfig.shared.json',
          './tsconfig.tools.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**'],
    rules: { 'no-restricted-imports': restrict(noNodeOrDom, noProcessFromShared, noTestTree) },
  },
  {
    files: TESTS.map((glob) => `src-shared/${glob}`),
    rules: { 'no-restricted-imports': restrict(noNodeOrDom, noProcessFromShared) },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': restrict(noMainFromRenderer, noTestTree) },
  },
  {
    files: TESTS.map((glob) => `src-renderer/${glob}`),
    rules: { 'no-restricted-imports': restrict(noMainFromRenderer) },
  },
  {
    files: ['src-main/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrict(noTestTree) },
  },
  {
    // Warnings, not errors: a signal to split a file or a function, not a gate.
    files: ['src-*/**'],
    ignores: TESTS,
    rules: {
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='electron'] ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Only the preload talks to ipcRenderer.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { project: false } },
  },
);
