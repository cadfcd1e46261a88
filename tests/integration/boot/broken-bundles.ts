import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { makeTempDir } from '../../support/processes';
import { repoRoot } from './boot-child-process';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
// As build/build.mjs bundles main and preload.
const common = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node' as const,
  target: 'node20',
  format: 'cjs' as const,
  define: { __STEVEDORE_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning' as const,
  legalComments: 'none' as const,
};

/** main.ts's import of the services goes to the fixture that drops a handler; the fixture's own import stays real. */
const servicesWithoutAHandler: Plugin = {
  name: 'services-without-a-handler',
  setup(builder) {
    builder.onResolve({ filter: /\/services\/create-services$/ }, (args) =>
      args.importer.endsWith(join('electron', 'app', 'main.ts'))
        ? { path: join(repoRoot, 'tests/integration/boot/fixtures/services-without-a-handler.ts') }
        : undefined,
    );
  },
};

/** The real main bundle but for one handler, built into a temp folder. */
export async function buildMainWithoutAHandler(): Promise<string> {
  const outfile = join(await makeTempDir('broken-main'), 'main.cjs');
  await build({ ...common, entryPoints: ['electron/app/main.ts'], outfile, external: ['electron', 'keytar'], plugins: [servicesWithoutAHandler] });
  return outfile;
}

/** The real main bundle plus a timer nobody stops, as a service that forgets to close would leave. */
export async function buildMainThatKeepsATimer(): Promise<string> {
  const outfile = join(await makeTempDir('broken-main-timer'), 'main.cjs');
  await build({ ...common, entryPoints: ['electron/app/main.ts'], outfile, external: ['electron', 'keytar'], footer: { js: 'setInterval(() => {}, 60_000);' } });
  return outfile;
}

/** The real preload plus a `node:fs` import, built into a temp folder. */
export async function buildPreloadRequiringFs(): Promise<string> {
  const outfile = join(await makeTempDir('broken-preload'), 'preload.cjs');
  await build({ ...common, entryPoints: ['tests/integration/boot/fixtures/preload-requiring-fs.ts'], outfile, external: ['electron'] });
  return outfile;
}
