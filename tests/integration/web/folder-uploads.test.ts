import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../../support/processes';
import { rawRequest } from './http-client';
import { launchWebHost, type LaunchedWebHost } from './launch-web-host';

let host: LaunchedWebHost;
let stagingRoot: string;

const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}`, ...extra });
const post = (path: string, extra: Record<string, string> = {}, body?: string) => rawRequest(host.port, path, { method: 'POST', headers: headers(extra), body });

async function openBatch(): Promise<string> {
  const res = await post('/api/uploads/batches');
  expect(res.status).toBe(201);
  return (JSON.parse(res.body) as { batch: string }).batch;
}

const sendFile = (batch: string, path: string, body: string) =>
  post(`/api/uploads/batches/${batch}/entries`, { 'x-stevedore-path': encodeURIComponent(path), 'x-stevedore-entry-type': 'file' }, body);
const sendFolder = (batch: string, path: string) => post(`/api/uploads/batches/${batch}/entries`, { 'x-stevedore-path': encodeURIComponent(path), 'x-stevedore-entry-type': 'directory' });

async function stagingDir(): Promise<string> {
  const [dir] = await readdir(stagingRoot);
  return join(stagingRoot, dir ?? 'missing');
}

beforeAll(async () => {
  const tmp = await makeTempDir('web-folders');
  stagingRoot = join(tmp, 'staging-tmp');
  await mkdir(stagingRoot);
  host = await launchWebHost({ TMPDIR: stagingRoot, STEVEDORE_UPLOAD_MAX_BYTES: '4096' });
});

afterAll(async () => {
  await host?.stop();
});

describe('web host: folder uploads', () => {
  it('recreates a nested folder with an empty folder under the private staging folder and names each top-level entry', async () => {
    const batch = await openBatch();
    expect((await sendFile(batch, 'docs/guide/intro.md', '# Intro')).status).toBe(201);
    expect((await sendFile(batch, 'docs/README.md', 'readme')).status).toBe(201);
    expect((await sendFolder(batch, 'docs/empty')).status).toBe(201);
    expect((await sendFile(batch, 'notes.txt', 'n')).status).toBe(201);
    const sealed = await post(`/api/uploads/batches/${batch}/seal`);
    expect(sealed.status).toBe(200);
    const { entries } = JSON.parse(sealed.body) as { entries: Array<{ id: string; name: string; type: string; size: number; fileCount: number }> };
    expect(entries.map(({ name, type, size, fileCount }) => ({ name, type, size, fileCount })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'docs', type: 'directory', size: 13, fileCount: 2 },
      { name: 'notes.txt', type: 'file', size: 1, fileCount: 1 },
    ]);
    expect(sealed.body).not.toContain(stagingRoot);
    const root = join(await stagingDir(), batch);
    expect((await stat(await stagingDir())).mode & 0o777).toBe(0o700);
    expect(await readFile(join(root, 'docs', 'guide', 'intro.md'), 'utf8')).toBe('# Intro');
    expect(await readdir(join(root, 'docs', 'empty'))).toEqual([]);
    expect((await stat(join(root, 'docs', 'guide'))).mode & 0o777).toBe(0o700);
    expect((await sendFile(batch, 'late.txt', 'x')).status).toBe(404);
  });

  it('refuses hostile paths with 400, writes nothing for them, and keeps the batch usable', async () => {
    const batch = await openBatch();
    for (const hostile of ['../../outside.txt', '/etc/passwd', 'C:../x', '\\\\server\\share\\x', 'a/\u0000/b', 'a//b', Array.from({ length: 65 }, () => 'd').join('/')]) {
      const res = await sendFile(batch, hostile, 'x');
      expect(res.status, hostile).toBe(400);
      expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('invalid-input');
    }
    expect(await readdir(join(await stagingDir(), batch))).toEqual([]);
    expect(existsSync(join(stagingRoot, 'outside.txt'))).toBe(false);
    expect((await sendFile(batch, 'ok.txt', 'fine')).status).toBe(201);
    const dup = await sendFile(batch, 'ok.txt', 'again');
    expect(dup.status).toBe(400);
    expect(dup.body).toContain('uploaded twice');
  });

  it('caps the whole batch at the upload limit (413) and cancels a batch with DELETE', async () => {
    const batch = await openBatch();
    expect((await sendFile(batch, 'a.bin', 'x'.repeat(3000))).status).toBe(201);
    const over = await sendFile(batch, 'b.bin', 'x'.repeat(3000));
    expect(over.status).toBe(413);
    expect(over.body).toContain('upload limit');
    const gone = await rawRequest(host.port, `/api/uploads/batches/${batch}`, { method: 'DELETE', headers: headers() });
    expect(gone.status).toBe(204);
    expect(existsSync(join(await stagingDir(), batch))).toBe(false);
    expect((await post(`/api/uploads/batches/${batch}/seal`)).status).toBe(404);
  });

  it('needs the token, the right method and a real batch id', async () => {
    const anonymous = await rawRequest(host.port, '/api/uploads/batches', { method: 'POST', headers: { host: `127.0.0.1:${host.port}` } });
    expect(anonymous.status).toBe(401);
    expect((await rawRequest(host.port, '/api/uploads/batches', { headers: headers() })).status).toBe(405);
    expect((await post('/api/uploads/batches/not-a-batch/seal')).status).toBe(404);
    expect((await sendFile('00000000-0000-4000-8000-000000000000', 'x.txt', 'x')).status).toBe(404);
  });

  it('hands a staged folder to publish.open by its id (integration.staged)', async () => {
    const batch = await openBatch();
    await sendFile(batch, 'site/index.html', '<p>hi</p>');
    await sendFolder(batch, 'site/assets');
    const { entries } = JSON.parse((await post(`/api/uploads/batches/${batch}/seal`)).body) as { entries: Array<{ id: string }> };
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws`, { headers: { ...headers(), origin: host.origin } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = await new Promise<{ envelope: { ok: boolean; value?: { entries: Array<{ name: string; type: string }>; fileCount: number; detected: { kind: string } } } }>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as { id?: number };
        if (parsed.id === 1) resolve(parsed as never);
      });
      ws.send(JSON.stringify({ id: 1, name: 'publish.open', input: { sources: [{ type: 'staged', id: entries[0]?.id }] } }));
    });
    const unknown = await new Promise<{ envelope: { ok: boolean; error?: { code: string; message: string } } }>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as { id?: number };
        if (parsed.id === 2) resolve(parsed as never);
      });
      ws.send(JSON.stringify({ id: 2, name: 'publish.open', input: { sources: [{ type: 'staged', id: batch }] } }));
    });
    ws.close();
    // A batch id is not an entry id: only what a seal handed out opens.
    expect(unknown.envelope).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(reply.envelope.ok).toBe(true);
    expect(reply.envelope.value?.entries).toEqual([expect.objectContaining({ name: 'site', type: 'directory' })]);
    expect(reply.envelope.value?.fileCount).toBe(1);
    expect(reply.envelope.value?.detected.kind).toBe('folder');
  });
});
