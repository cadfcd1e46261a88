import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, runCommand, startProcess, waitUntil, type ManagedProcess } from '../../support/processes';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let bundle: Promise<string> | undefined;

export interface LaunchedWebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Everything the process printed so far, stdout and stderr, unbounded. */
  stdout(): string;
  stderr(): string;
  /** The process itself: a test may signal it and watch it exit on its own. */
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** The bundle is what users run, so tests run it too: built fresh, once per test file, into a temp folder. */
function webBundle(): Promise<string> {
  bundle ??= (async () => {
    const outfile = join(await makeTempDir('web-bundle'), 'web.mjs');
    await runCommand(process.execPath, ['build/build.mjs', '--only=web', `--web-outfile=${outfile}`], { cwd: repoRoot });
    return outfile;
  })();
  return bundle;
}

export async function launchWebHost(env: Record<string, string> = {}): Promise<LaunchedWebHost> {
  const entry = await webBundle();
  const dataDir = await makeTempDir('web-data');
  const proc = startProcess('web-host', process.execPath, [entry], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dataDir, STEVEDORE_DATA_DIR: dataDir, STEVEDORE_NO_BROWSER: '1', ...env },
  });
  let out = '';
  let err = '';
  proc.child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  proc.child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  let url = '';
  await waitUntil(
    async () => {
      url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out)?.[1] ?? '';
      return url !== '';
    },
    { timeoutMs: 15_000, giveUp: () => proc.exited(), describeFailure: () => `The web host did not print its URL:\n${out}\n${err}` },
  );
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    stdout: () => out,
    stderr: () => err,
    process: proc,
    stop: () => proc.stop(),
  };
}
