import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir, waitUntil } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { rawRequest } from './http-client';
import { launchWebHost, type LaunchedWebHost } from './launch-web-host';

// SIGTERM while a large publish is uploading, through the built web host: the process must cancel
// the transfer (closing its upload session on the registry), remove its work files and staged
// uploads, and exit on its own.

const REPOSITORY = 'shutdown/big';
/** Random, so the folder's packed layer stays above the 8 MiB one-PUT limit and goes up in a PATCH that the proxy holds. */
const FILE_BYTES = 24 * 1024 * 1024;

let registry: TestRegistry;
let proxy: FaultProxy;
let tmp: string;
let stagingRoot: string;
let host: LaunchedWebHost;
let exitCode: number | null = null;
let packedBeforeStop: string[] = [];

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws`, {
      headers: { authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}`, origin: host.origin },
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call<T>(ws: WebSocket, name: string, input: unknown): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse((data as Buffer).toString('utf8')) as { id?: unknown; envelope?: Envelope };
      if (parsed.id !== id || !parsed.envelope) return;
      ws.off('message', onMessage);
      if (parsed.envelope.ok) resolve(parsed.envelope.value as T);
      else reject(new Error(`${name}: ${parsed.envelope.error?.code} ${parsed.envelope.error?.message}`));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, input }));
  });
}

/** Uploads a folder holding one file of random bytes to the host's staging area, as the browser does; returns its staged id. */
async function stageFolder(name: string, bytes: number): Promise<string> {
  const headers = { authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}` };
  const opened = await rawRequest(host.port, '/api/uploads/batches', { method: 'POST', headers });
  const { batch } = JSON.parse(opened.body) as { batch: string };
  const sent = await rawRequest(host.port, `/api/uploads/batches/${batch}/entries`, {
    method: 'POST',
    headers: { ...headers, 'x-stevedore-path': encodeURIComponent(`${name}/payload.bin`), 'x-stevedore-entry-type': 'file' },
    body: randomBytes(bytes),
  });
  if (sent.status !== 201) throw new Error(`staging the file gave ${sent.status}: ${sent.body}`);
  const sealed = await rawRequest(host.port, `/api/uploads/batches/${batch}/seal`, { method: 'POST', headers });
  const { entries } = JSON.parse(sealed.body) as { entries: Array<{ id: string }> };
  return entries[0]!.id;
}

const uploadsDir = () => join(registry.rootDir, 'data', 'docker', 'registry', 'v2', 'repositories', REPOSITORY, '_uploads');
const entriesOf = async (dir: string) => (existsSync(dir) ? readdir(dir) : []);

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy({ upstream: registry.url });
  // The blob's bytes are held at the proxy: the publish is mid-upload when the host is told to stop.
  proxy.fault({ method: 'PATCH', path: /\/blobs\/uploads\//, times: Infinity, fault: { kind: 'delay', ms: 60_000 } });
  tmp = await makeTempDir('web-shutdown');
  stagingRoot = join(tmp, 'staging-tmp');
  await mkdir(stagingRoot);
  host = await launchWebHost({ TMPDIR: stagingRoot });

  const ws = await openSocket();
  const staged = await stageFolder('big', FILE_BYTES);
  const { id: registryId } = await call<{ id: string }>(ws, 'registries.add', { url: proxy.host });
  const { draftId } = await call<{ draftId: string }>(ws, 'publish.open', { sources: [{ type: 'staged', id: staged }] });
  await call(ws, 'publish.start', { draftId, registryId, repository: REPOSITORY, tags: ['v1'], kind: 'folder', created: { mode: 'off' } });
  // The folder is packed into the data folder's publish-work, the registry holds an upload session and the PATCH carrying the bytes is on its way.
  await waitUntil(async () => (await entriesOf(uploadsDir())).length === 1 && proxy.requests.some((r) => r.method === 'PATCH'), {
    timeoutMs: 30_000,
    describeFailure: () => `the publish did not reach its upload: ${proxy.requests.map((r) => `${r.method} ${r.path}`).join(', ')}\n${host.stderr()}`,
  });
  ws.terminate();
  packedBeforeStop = await entriesOf(join(host.dataDir, 'publish-work'));

  const exited = new Promise<number | null>((resolve) => host.process.child.once('exit', (code) => resolve(code)));
  host.process.child.kill('SIGTERM');
  exitCode = await exited;
}, 90_000);

afterAll(async () => {
  await host?.stop();
  await proxy?.stop();
  await registry?.stop();
  if (tmp) await removeTempDir(tmp);
});

describe('web mode stops cleanly on SIGTERM during a large publish', () => {
  it('exits on its own with code 0, after saying it shuts down and without running out of time', () => {
    expect(exitCode).toBe(0);
    expect(host.stderr()).toContain('SIGTERM: shutting down');
    expect(host.stderr()).not.toContain('did not close within');
  });

  it('closed the upload session on the registry and pushed nothing', async () => {
    const patch = proxy.requests.find((r) => r.method === 'PATCH');
    const session = patch!.path.replace(/\?.*$/, '');
    expect(proxy.requests.filter((r) => r.method === 'DELETE').map((r) => `${r.path.replace(/\?.*$/, '')} ${r.status}`)).toEqual([`${session} 204`]);
    const asked = await fetch(`${registry.url}${patch!.path}`);
    expect(asked.status).toBe(404);
    expect(await asked.text()).toContain('BLOB_UPLOAD_UNKNOWN');
    // Distribution 2.8 leaves a cancelled session's hash-state file behind (it does so for a plain DELETE too); no data stays.
    const left = await readdir(uploadsDir(), { recursive: true }).catch(() => []);
    expect(left.filter((path) => path.endsWith('data'))).toEqual([]);
    expect((await fetch(`${registry.url}/v2/${REPOSITORY}/tags/list`)).status).toBe(404);
  });

  it('left no publish work folder in the data folder and no staged upload under the temporary folder', async () => {
    expect(packedBeforeStop.length).toBeGreaterThan(0);
    expect(await entriesOf(join(host.dataDir, 'publish-work'))).toEqual([]);
    expect(await readdir(stagingRoot)).toEqual([]);
  });
});
