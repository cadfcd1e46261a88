import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../renderer/', import.meta.url));
const outDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
// `STEVEDORE_PROFILE=1 npm run build`: readable names and source maps, so a Chromium profile of the
// renderer names its functions. Still no eval and nothing inline, so the CSP holds.
const profiling = process.env.STEVEDORE_PROFILE === '1';

/**
 * The renderer is served from a custom protocol (Electron) and from the web host, both under a
 * strict CSP: relative base, no inline scripts or styles, no eval.
 */
export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  plugins: [svelte({ compilerOptions: { runes: true } })],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2023',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: profiling,
    minify: !profiling,
    reportCompressedSize: false,
  },
});
