// Builds everything the app runs: the renderer (Vite) and the Node entries (esbuild).
// `node build/build.mjs [--only=renderer,main,preload,web] [--web-outfile=<path>]`
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (part) => !only || only.includes(part);
// Tests bundle the web host into their own temp folder, so they never run a stale or half-written out/.
const webOutfile = process.argv.find((a) => a.startsWith('--web-outfile='))?.slice('--web-outfile='.length);

const define = { __STEVEDORE_VERSION__: JSON.stringify(pkg.version) };
const nativeExternals = ['keytar', 'bufferutil', 'utf-8-validate', 'electron'];

const nodeEntries = [
  { part: 'main', entry: 'electron/app/main.ts', outfile: 'out/electron/main.cjs', format: 'cjs', external: ['electron', 'keytar'] },
  { part: 'preload', entry: 'electron/preload/preload.ts', outfile: 'out/electron/preload.cjs', format: 'cjs', external: ['electron'] },
  {
    part: 'web',
    entry: 'electron/web/main.ts',
    outfile: webOutfile ?? 'out/web/web.mjs',
    format: 'esm',
    external: nativeExternals,
    // Bundled CommonJS dependencies (ws, undici) call require() for Node built-ins.
    banner: { js: "import { createRequire as __stevedoreCreateRequire } from 'node:module'; const require = __stevedoreCreateRequire(import.meta.url);" },
  },
];

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('./vite.renderer.config.ts', import.meta.url)) });
}

async function buildNode({ entry, outfile, format, external, banner }) {
  if (!existsSync(new URL(`../${entry}`, import.meta.url))) {
    console.warn(`build: skipping ${entry} (the file does not exist yet)`);
    return;
  }
  await esbuild({
    absWorkingDir: rootDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    external,
    banner,
    define,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
}

const started = performance.now();
const jobs = [];
if (wanted('renderer')) jobs.push(buildRenderer());
for (const node of nodeEntries) if (wanted(node.part)) jobs.push(buildNode(node));
const results = await Promise.allSettled(jobs);
const failed = results.filter((r) => r.status === 'rejected');
for (const f of failed) console.error(`build: ${f.reason?.message ?? f.reason}`);
if (failed.length > 0) process.exit(1);
console.log(`build: done in ${Math.round(performance.now() - started)} ms`);
