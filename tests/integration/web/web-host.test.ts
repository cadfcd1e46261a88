import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { rawRequest } from './http-client';
import { launchWebHost, type LaunchedWebHost } from './launch-web-host';

let host: LaunchedWebHost;
let registry: TestRegistry;
let tmp: string;
let cookie: string;

const bearer = () => ({ authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}` });

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rpc(ws: WebSocket, message: unknown): Promise<{ id: unknown; envelope: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: unknown; event?: string };
      if (parsed.event) return;
      ws.off('message', onMessage);
      resolve(parsed as never);
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

beforeAll(async () => {
  tmp = await makeTempDir('web-test');
  const rendererDir = join(tmp, 'renderer');
  await mkdir(join(tmp, 'staging-tmp'));
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Stevedore test page</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {};');
  await writeFile(join(tmp, 'secret.txt'), 'outside the renderer');
  registry = await startRegistry({ auth: 'none' });
  host = await launchWebHost({ STEVEDORE_RENDERER_DIR: rendererDir, TMPDIR: join(tmp, 'staging-tmp'), STEVEDORE_UPLOAD_MAX_BYTES: '4096' });
  const login = await rawRequest(host.port, `/?token=${host.token}`, { headers: { host: `127.0.0.1:${host.port}` } });
  cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await host?.stop();
  await registry?.stop();
});

describe('web host: who may come in', () => {
  it('refuses a request without a token (401)', async () => {
    expect((await rawRequest(host.port, '/', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(401);
    expect((await rawRequest(host.port, '/assets/app.js', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(401);
  });

  it('refuses a wrong token in the URL, a Bearer header or the cookie (401)', async () => {
    const h = { host: `127.0.0.1:${host.port}` };
    expect((await rawRequest(host.port, '/?token=not-the-token', { headers: h })).status).toBe(401);
    expect((await rawRequest(host.port, '/', { headers: { ...h, authorization: 'Bearer not-the-token' } })).status).toBe(401);
    expect((await rawRequest(host.port, '/', { headers: { ...h, cookie: `stevedore_session_${host.port}=not-the-token` } })).status).toBe(401);
  });

  it('trades the right token for an HttpOnly, SameSite=Strict cookie and a redirect to /', async () => {
    const res = await rawRequest(host.port, `/?token=${host.token}`, { headers: { host: `localhost:${host.port}` } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`stevedore_session_${host.port}=`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const page = await rawRequest(host.port, '/', { headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Stevedore test page');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('refuses a foreign Host header even with the right token (403, DNS rebinding)', async () => {
    for (const foreign of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const res = await rawRequest(host.port, '/', { headers: { ...bearer(), host: foreign } });
      expect(res.status, foreign).toBe(403);
    }
  });

  it('refuses a foreign Origin on a plain request (403)', async () => {
    const res = await rawRequest(host.port, '/', { headers: { ...bearer(), origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('refuses a WebSocket upgrade from a foreign Origin, without an Origin, or without the token', async () => {
    await expect(openSocket({ cookie, origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ cookie, origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ cookie })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ origin: host.origin })).rejects.toThrow('HTTP 401');
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c%2e%2e%5csecret.txt']) {
      const res = await rawRequest(host.port, path, { headers: bearer() });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the renderer');
    }
    expect((await rawRequest(host.port, '/assets/app.js', { headers: bearer() })).headers['content-type']).toMatch(/javascript/);
  });
});

describe('web host: the contract over one WebSocket', () => {
  it('answers an unknown call with invalid-input', async () => {
    const ws = await openSocket({ cookie, origin: host.origin });
    const reply = await rpc(ws, { id: 1, name: 'registries.explode', input: {} });
    expect(reply.id).toBe(1);
    expect(reply.envelope.ok).toBe(false);
    expect(reply.envelope.error?.code).toBe('invalid-input');
    expect(reply.envelope.error?.message).toContain('Unknown call');
    ws.close();
  });

  it('answers malformed arguments with invalid-input naming the field, and malformed JSON without crashing', async () => {
    const ws = await openSocket({ cookie, origin: host.origin });
    const bad = await rpc(ws, { id: 'a', name: 'registries.add', input: { url: 42 } });
    expect(bad.envelope.error?.code).toBe('invalid-input');
    expect(bad.envelope.error?.message).toContain('url');
    const extra = await rpc(ws, { id: 'b', name: 'registries.add', input: { url: 'ghcr.io', password: 'x' } });
    expect(extra.envelope.error?.code).toBe('invalid-input');
    const garbage = await rpc(ws, '{not json');
    expect(garbage).toEqual({ id: null, envelope: { ok: false, error: { code: 'invalid-input', message: expect.stringContaining('JSON') } } });
    const info = await rpc(ws, { id: 2, name: 'app.info', input: {} });
    expect(info.envelope).toMatchObject({ ok: true, value: { host: 'web', capabilities: { nativeFolderPicker: false, dropPaths: false } } });
    ws.close();
  });

  it('closes a socket that sends more than the message size cap', async () => {
    const ws = await openSocket({ cookie, origin: host.origin });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 3, name: 'app.info', input: { pad: 'x'.repeat(1024 * 1024 + 10) } }));
    expect(await closed).toBe(1009);
    const again = await openSocket({ cookie, origin: host.origin });
    expect((await rpc(again, { id: 4, name: 'app.info', input: {} })).envelope.ok).toBe(true);
    again.close();
  });

  it('adds a real registry and pushes registries.changed to the socket', async () => {
    const ws = await openSocket({ cookie, origin: host.origin });
    const events: Array<{ event: string; payload: Array<{ host: string; status: { state: string } }> }> = [];
    ws.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as (typeof events)[number];
      if (parsed.event) events.push(parsed);
    });
    const reply = await rpc(ws, { id: 5, name: 'registries.add', input: { url: registry.host } });
    expect(reply.envelope.ok).toBe(true);
    expect(reply.envelope.value).toMatchObject({ host: registry.host, url: registry.url, status: { state: 'connected' } });
    const list = await rpc(ws, { id: 6, name: 'registries.list', input: {} });
    // The built-in Local registry is always listed first.
    expect(list.envelope.value).toEqual([expect.objectContaining({ id: 'local' }), expect.objectContaining({ host: registry.host })]);
    expect(events.some((e) => e.event === 'registries.changed' && e.payload.some((r) => r.host === registry.host && r.status.state === 'connected'))).toBe(true);
    ws.close();
  });
});

describe('web host: uploads', () => {
  const upload = (name: string, body: string, headers: Record<string, string> = {}) =>
    rawRequest(host.port, '/api/uploads', { method: 'POST', headers: { ...bearer(), 'x-stevedore-file-name': encodeURIComponent(name), ...headers }, body });

  it('streams one file into a private staging folder under a name without path parts', async () => {
    const res = await upload('../../etc/pass\u0000wd', 'hello staging');
    expect(res.status).toBe(201);
    const staged = JSON.parse(res.body) as { id: string; name: string; size: number };
    expect(staged).toMatchObject({ name: 'pass_wd', size: 13 });
    expect(res.body).not.toContain('staging-tmp');
    const [stagingDir] = await readdir(join(tmp, 'staging-tmp'));
    expect(stagingDir).toMatch(/^stevedore-staging-/);
    expect((await stat(join(tmp, 'staging-tmp', stagingDir ?? ''))).mode & 0o777).toBe(0o700);
    const landed = join(tmp, 'staging-tmp', stagingDir ?? '', staged.id, 'pass_wd');
    expect(await readFile(landed, 'utf8')).toBe('hello staging');
    const windows = JSON.parse((await upload('C:\\Users\\me\\chart.tgz', 'x')).body) as { name: string };
    expect(windows.name).toBe('chart.tgz');
    const dots = JSON.parse((await upload('..', 'x')).body) as { name: string };
    expect(dots.name).toBe('__');
  });

  it('refuses uploads over the size cap, without a name, or without the token', async () => {
    const big = await upload('big.bin', 'x'.repeat(5000));
    expect(big.status).toBe(413);
    expect(big.body).toContain('upload limit');
    const unnamed = await rawRequest(host.port, '/api/uploads', { method: 'POST', headers: bearer(), body: 'x' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toContain('file name');
    const anonymous = await rawRequest(host.port, '/api/uploads', { method: 'POST', headers: { host: `127.0.0.1:${host.port}`, 'x-stevedore-file-name': 'a' }, body: 'x' });
    expect(anonymous.status).toBe(401);
  });
});

describe('web host: logs and shutdown', () => {
  it('prints the token only in the startup URL line and removes staging on SIGTERM', async () => {
    const stagingRoot = join(tmp, 'staging-tmp');
    const [stagingDir] = await readdir(stagingRoot);
    await host.stop();
    const lines = `${host.stdout()}\n${host.stderr()}`.split('\n').filter((line) => line.includes(host.token));
    expect(lines).toEqual([`Stevedore is running at ${host.url}`]);
    expect(host.stderr()).toContain('SIGTERM: shutting down');
    expect(existsSync(join(stagingRoot, stagingDir ?? 'missing'))).toBe(false);
  });
});
