#!/usr/bin/env node
// `npm run bench [-- --suite blobs|catalog --blob-rows push|all --runs N --size <MiB> --small N --out <file> --repositories N --tags N --rows N --catalog-out <file> --only typing --typing-runs N --renderer-dir <dir>[,<dir>…]]` (env STEVEDORE_BENCH_TRACE=<prefix> writes Chromium traces): bundles the TypeScript bench
// with esbuild into out/bench/ (Node 20 cannot run .ts) and runs it with the arguments given.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { main: 'tests/bench/main.ts', child: 'tests/bench/child.ts', 'catalog-child': 'tests/bench/catalog/catalog-child.ts', 'publish-child': 'tests/bench/publish/publish-child.ts', 'download-child': 'tests/bench/download/download-child.ts', 'copy-child': 'tests/bench/copy/copy-child.ts', 'local-child': 'tests/bench/local/local-child.ts' },
  outdir: 'out/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // undici and the rest load from node_modules as they do in the app's web host.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--enable-source-maps', 'out/bench/main.mjs', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.once('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
