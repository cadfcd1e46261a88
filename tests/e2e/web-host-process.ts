import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webHostAddress } from '../support/web-host-address';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const WEB_ENTRY = join(repoRoot, 'out/web/web.mjs');
const RENDERER_INDEX = join(repoRoot, 'out/renderer/index.html');
const START_TIMEOUT_MS = 15_000;

export interface WebHostProcess {
  /** The printed address, token included. */
  url: string;
  origin: string;
  /** The host's HOME (Docker's `~/.docker` lives here) and its data folder. */
  home: string;
  dataDir: string;
  /** Everything the host printed on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface WebHostOptions {
  /** Extra environment, e.g. a test keyring's D-Bus address. HOME and the data folder stay the host's own. */
  env?: Record<string, string>;
  /** Run over this HOME (and its data folder) instead of a fresh one, to start the host again over what an earlier run saved; the caller removes it. */
  home?: string;
}

/** Runs the built web host (`out/web/web.mjs`) with a fresh data folder; stops it by its own pid. */
export async function startWebHostProcess(options: WebHostOptions = {}): Promise<WebHostProcess> {
  if (!existsSync(WEB_ENTRY) || !existsSync(RENDERER_INDEX)) {
    throw new Error('The e2e tests run the built app: run `npm run build` first (out/web/web.mjs or out/renderer/index.html is missing).');
  }
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'stevedore-e2e-')));
  const child = spawn(process.execPath, [WEB_ENTRY], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...options.env,
      HOME: home,
      TMPDIR: home,
      STEVEDORE_DATA_DIR: join(home, 'data'),
      STEVEDORE_NO_BROWSER: '1',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let everything = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8192);
    everything += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => (everything += chunk.toString()));
  const url = await webHostAddress(child, START_TIMEOUT_MS, () => output);
  return {
    url,
    origin: new URL(url).origin,
    home,
    dataDir: join(home, 'data'),
    output: () => everything,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
      await exited;
      if (options.home === undefined) await rm(home, { recursive: true, force: true });
    },
  };
}
