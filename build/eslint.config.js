// Lint for the whole repository: `eslint -c build/eslint.config.js .`
// Type-aware TypeScript rules (floating promises, consistent type imports), Svelte, and the
// architecture's boundaries: renderer ↛ electron/Node, shared ↛ either, one file owns ipcMain.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const svelteFiles = ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'];

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not available here: ask the main process through the contract.' };
const electronPackage = { name: 'electron', message: 'Only electron/ may import Electron.' };
const electronCode = { group: ['**/electron/**', '../electron', '../../electron'], message: 'Reach the main process through shared/contract, not by importing electron/.' };
// The page loads no zod: zod probes eval, which the CSP reports, and the page validates nothing
// the main process does not validate again. Contract types are fine; values come from constants.ts.
const zodInThePage = {
  regex: 'shared/contract(/(?!errors$|constants$)[^/]+)?$',
  allowTypeImports: true,
  message: 'The page must not load zod: import types only, and run-time values from shared/contract/constants.ts.',
};
const zodPackage = { name: 'zod', message: 'The page must not load zod (its eval probe breaks the CSP).' };
const rendererCode = { group: ['**/renderer/**'], message: 'shared/ must not depend on the renderer.' };
const ipcMainOnlyInIpc = { name: 'electron', importNames: ['ipcMain'], message: 'Only electron/host/ipc.ts touches ipcMain: register handlers there.' };
const ipcRendererOnlyInPreload = { name: 'electron', importNames: ['ipcRenderer', 'contextBridge'], message: 'ipcRenderer and contextBridge belong in electron/preload/.' };
const preloadOwned = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'], message: 'ipcMain lives in electron/host/ipc.ts; ipcRenderer and contextBridge in electron/preload/.' };

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/bench/results/**', '.vite/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // Svelte's rule block has no `files`: keep it to Svelte sources (its rules crash on CommonJS files).
  ...svelte.configs.recommended.map((block) => (block.files ? block : { ...block, files: svelteFiles })),
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: rootDir,
        extraFileExtensions: ['.svelte'],
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNever: true, allow: [{ name: ['URL', 'URLSearchParams'], from: 'lib' }, { name: ['URL', 'URLSearchParams'], from: 'package', package: '@types/node' }] },
      ],
      '@typescript-eslint/only-throw-error': 'error',
      // AbortSignal.reason is `any`: rejecting with it is how cancellation propagates.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // Async functions that do not await are how sync implementations satisfy Promise-returning interfaces.
      '@typescript-eslint/require-await': 'off',
      // Interfaces here declare methods with method syntax; implementations are arrow functions.
      '@typescript-eslint/unbound-method': 'off',
      // Input validation matches control characters on purpose.
      'no-control-regex': 'off',
      // Redundant rather than wrong: reported, not fatal.
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      '@typescript-eslint/no-base-to-string': 'warn',
    },
  },
  {
    // expect.* matchers and parsed fixtures are `any` by design in specs.
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: svelteFiles,
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, projectService: true, extraFileExtensions: ['.svelte'], svelteFeatures: { runes: true } },
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Files outside every tsconfig: plain JS/MJS (build scripts, this file) and renderer specs,
  // which renderer/tsconfig.json excludes. They keep the untyped rules.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'renderer/**/*.test.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Playwright fixtures that use no other fixture must still destructure: `async ({}, use) => …`.
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.d.ts', '**/*.d.cts', '**/*.d.mts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', disallowTypeAnnotations: false }] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Boundaries (no-restricted-imports: later blocks replace earlier ones for the same files).
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPackage, zodPackage], patterns: [nodeBuiltins, electronCode, zodInThePage] }] },
  },
  {
    // Renderer specs run in Node under vitest and may use built-ins to set up fixtures.
    files: ['renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPackage], patterns: [electronCode] }] },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPackage], patterns: [nodeBuiltins, electronCode, rendererCode] }] },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/host/ipc.ts', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [preloadOwned] }] },
  },
  {
    files: ['electron/host/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcRendererOnlyInPreload] }] },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnlyInIpc] }] },
  },
  {
    files: ['tests/**', 'build/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [preloadOwned] }] },
  },
);
