import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';
import { serveAppFile } from './serve-app-file';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'stevedore-serve-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Stevedore</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
  await symlink(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('serveAppFile', () => {
  it('serves index.html for the root with the CSP header', async () => {
    const response = await serveAppFile(root, 'app://stevedore/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Stevedore</title>');
  });
  it('streams assets with their type', async () => {
    const response = await serveAppFile(root, 'app://stevedore/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });
  it('follows a link that stays inside the folder', async () => {
    expect(await (await serveAppFile(root, 'app://stevedore/alias.js')).text()).toBe('console.log(1)');
  });
  it('refuses a link that leads outside the folder', async () => {
    const response = await serveAppFile(root, 'app://stevedore/assets/leak.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });
  it('answers 404 for missing files, folders and traversal attempts', async () => {
    for (const url of ['app://stevedore/nope.js', 'app://stevedore/assets', 'app://stevedore/..%2fsecret.txt', 'app://stevedore/..%5csecret.txt', 'file:///etc/passwd']) {
      expect((await serveAppFile(root, url)).status, url).toBe(404);
    }
  });
  it('allows only GET and HEAD', async () => {
    expect((await serveAppFile(root, 'app://stevedore/', 'POST')).status).toBe(405);
    const head = await serveAppFile(root, 'app://stevedore/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
