import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import { serveAppFile } from './serve-app-file';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let server: Server;
let base: string;
let browser: Browser;

/**
 * Electron cannot run here, so the app:// handler is put behind a loopback HTTP server and the
 * real renderer build is loaded in real Chromium: same files, same headers, same CSP.
 */
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stevedore-csp-'));
  const rendererDir = path.join(dir, 'renderer');
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'build/vite.renderer.config.ts', '--outDir', rendererDir, '--emptyOutDir'], {
    cwd: repo,
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);

  server = createServer((req, res) => {
    void serveAppFile(rendererDir, `${APP_ORIGIN}${req.url ?? '/'}`, req.method).then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as WebReadableStream).pipe(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('the renderer under the app protocol CSP, in Chromium', () => {
  it('starts the Svelte app without a single CSP violation', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const response = await page.goto(`${base}/`);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    await page.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0);
    expect(await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations)).toEqual([]);
    await page.close();
  });

  it('blocks inline script and inline style injected into the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      const bothBlocked = new Promise<void>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          violations.push(event.violatedDirective);
          if (violations.includes('script-src-elem') && violations.includes('style-src-elem')) resolve();
        });
      });
      const script = document.createElement('script');
      script.textContent = 'globalThis.__injected = true';
      document.head.append(script);
      const style = document.createElement('style');
      style.textContent = 'body { display: none }';
      document.head.append(style);
      await bothBlocked;
      return { injected: (globalThis as unknown as { __injected?: boolean }).__injected ?? false, display: getComputedStyle(document.body).display, violations };
    });
    expect(result.injected).toBe(false);
    expect(result.display).not.toBe('none');
    expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-elem']));
    await page.close();
  });
});
