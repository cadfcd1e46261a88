import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_MODE_NOTICE } from './start-plan.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const startModule = path.join(repo, 'build', 'start.mjs');

let dir: string;
let webEntry: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stevedore-start-'));
  // The real web host, bundled into this test's folder so a half-built out/ cannot interfere.
  webEntry = path.join(dir, 'web', 'web.mjs');
  await mkdir(path.join(dir, 'renderer'));
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>start-test-page</title>');
  const built = spawnSync(process.execPath, ['build/build.mjs', '--only=web', `--web-outfile=${webEntry}`], { cwd: repo, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs start.mjs's runStart for a repo root without Electron's runtime (like this machine). */
function startWithoutElectron(entry: string) {
  const script = `import { runStart } from ${JSON.stringify(startModule)}; process.exitCode = await runStart({ repoRoot: ${JSON.stringify(dir)}, webEntry: ${JSON.stringify(entry)} });`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, HOME: dir, STEVEDORE_DATA_DIR: path.join(dir, 'data'), STEVEDORE_RENDERER_DIR: path.join(dir, 'renderer'), STEVEDORE_NO_BROWSER: '1', STEVEDORE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('npm start without the Electron runtime', () => {
  it('says so in one line, runs the real web host with its URL visible, and stops it on SIGTERM', async () => {
    const child = startWithoutElectron(webEntry);
    let stdout = '';
    const urlSeen = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /Stevedore is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`start exited before printing the URL:\n${stdout}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const url = await urlSeen;
    expect(stdout.split('\n')[0]).toBe(WEB_MODE_NOTICE);
    // The printed URL works: its token becomes a session cookie that opens the UI.
    const login = await fetch(url, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(new URL('/', url), { headers: { cookie } });
    expect(await page.text()).toContain('start-test-page');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('fails with a clear message when the web host is not built', async () => {
    const child = startWithoutElectron(path.join(dir, 'missing', 'web.mjs'));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/web\.mjs is missing: run `npm run build` first/);
  }, 30_000);
});
