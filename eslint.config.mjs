import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noNodeOrDom = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'os', 'crypto', 'electron', 'better-sqlite3'],
      message: 'src-shared is imported by the renderer too: no Node or Electron here.',
    },
  ],
};

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
  { files: ['src-shared/**'], rules: { 'no-restricted-imports': ['error', noNodeOrDom] } },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'better-sqlite3', '../src-main/*', '../../src-main/*'],
              message: 'The renderer reaches the main process only through the preload API.',
            },
          ],
        },
      ],
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
