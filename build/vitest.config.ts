import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

// Same compile-time constants as build/build.mjs, so code that reads them runs under test.
const define = { __STEVEDORE_VERSION__: JSON.stringify(pkg.version) };

/**
 * Two projects:
 * - unit: specs beside the code (electron/, shared/, renderer/, build/, tests/support/). Node by default; a renderer spec
 *   that needs a DOM starts with `// @vitest-environment jsdom`. The Svelte plugin compiles
 *   `.svelte` components and `.svelte.ts` runes modules imported by specs.
 * - integration: tests/integration/ and `*.chromium.test.ts` specs beside the code, against real
 *   services (docker-registry, gnome-keyring, skopeo, Chromium),
 *   in forks (each file its own process, so per-process state such as the D-Bus address stays
 *   per file), two at a time on these 2-core machines, with generous timeouts.
 * Each project has its own `sequence.groupOrder` (and they differ in maxWorkers): vitest refuses two
 * projects with the same order but different maxWorkers, so any mix of files from both runs.
 * tests/e2e/ is Playwright's, not vitest's.
 */
export default defineConfig({
  root,
  define,
  test: {
    teardownTimeout: 20_000,
    projects: [
      {
        root,
        define,
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
        // Svelte's client runtime (`mount` works under jsdom). Only inlined modules (sources,
        // svelte) resolve through this; other node_modules load natively with Node's conditions.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'build/**/*.test.ts', 'tests/support/**/*.test.ts', 'tests/bench/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'out/**', 'dist/**', 'tests/e2e/**', '**/*.chromium.test.ts'],
          environment: 'node',
          testTimeout: 10_000,
          // Projects run one after the other (unit first), not competing for the 2 cores.
          sequence: { groupOrder: 1 },
        },
      },
      {
        root,
        define,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'electron/**/*.chromium.test.ts'],
          exclude: ['**/node_modules/**', 'tests/e2e/**'],
          environment: 'node',
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          setupFiles: ['tests/support/vitest-cleanup.ts'],
        },
      },
    ],
  },
});
