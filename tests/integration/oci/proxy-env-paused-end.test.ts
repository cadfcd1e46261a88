import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { fetchBlobStream } from '../../../electron/oci/blobs/read-blob';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { MiB, quickClient, useProxiedRegistry } from './proxied-registry';
import { loopbackCertificate, setProxyEnv, startTlsTerminator, type TlsFront } from './proxy-env-support';

const repository = 'faults/proxied-fin';
const blobPathPattern = /^\/v2\/faults\/proxied-fin\/blobs\/sha256:/;
const env = useProxiedRegistry('proxy-env-paused-end');
let blob: { data: Buffer; digest: string; size: number };
let proxy: ConnectProxy;
let tlsFront: TlsFront;
let ca: string;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  const data = randomBytes(8 * MiB);
  blob = { data, size: data.byteLength, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
  await uploadBlob(quickClient(env.registry.url), { repository, source: { data } });
  proxy = await startConnectProxy();
  const certificate = await loopbackCertificate(env.dir);
  ca = certificate.cert;
  // TLS straight onto the fault proxy, so its clean close reaches the client as a clean TLS close
  tlsFront = await startTlsTerminator(env.proxy.port, certificate);
});
beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});
afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});
afterAll(async () => {
  await tlsFront?.stop();
  await proxy?.stop();
});

/** A registry answer with a Content-Length 5000 bytes beyond the body, then a clean close (FIN). */
function lieAboutLengthThenClose(times = 1): void {
  env.proxy.fault({ method: 'GET', path: blobPathPattern, times, fault: { kind: 'content-length', value: blob.size + 5000, close: 'fin' } });
}

// Bare undici, as every proxied connection was before the guard: EnvHttpProxyAgent from the
// environment, a reader slower than loopback, and attempts until one lands the FIN on a paused
// parser. Over TLS on a loaded 2-core machine 8 attempts once all missed (every one a clean
// ResponseContentLengthMismatchError), so it tries up to 24; the crash ends the loop at once.
const unguardedReader = `
import { EnvHttpProxyAgent, request } from 'undici';
const ca = process.env.TEST_REGISTRY_CA;
const dispatcher = new EnvHttpProxyAgent(ca ? { requestTls: { ca } } : {});
for (let attempt = 1; attempt <= 24; attempt++) {
  try {
    const { body } = await request(process.env.TEST_BLOB_URL, { dispatcher });
    for await (const chunk of body) await new Promise((resolve) => setTimeout(resolve, 5));
    console.log('attempt ' + attempt + ': complete');
  } catch (error) {
    console.log('attempt ' + attempt + ': ' + error.name);
  }
}
`;

function runUnguardedReader(blobUrl: string, proxyVariables: Record<string, string>, registryCa?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', unguardedReader], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...proxyVariables, TEST_BLOB_URL: blobUrl, ...(registryCa ? { TEST_REGISTRY_CA: registryCa } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 50_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readSlowly(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of stream) {
    void chunk;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const cases = [
  { name: 'an http registry through HTTP_PROXY', scheme: 'http' as const },
  { name: 'an https registry through HTTPS_PROXY', scheme: 'https' as const },
];

describe.each(cases)('the undici#5360 condition (clean close while the body is paused) on $name', ({ scheme }) => {
  const baseUrl = () => (scheme === 'http' ? env.proxy.url : tlsFront.url);
  const target = () => (scheme === 'http' ? env.proxy.host : tlsFront.host);
  const proxyVariables = (): Record<string, string> => ({ [scheme === 'http' ? 'HTTP_PROXY' : 'HTTPS_PROXY']: proxy.url });
  const client = () => new RegistryClient({ baseUrl: baseUrl(), ...(scheme === 'https' ? { ca } : {}), retry: { baseDelayMs: 20, maxRetryAfterMs: 2500, maxAttempts: 5 } });

  it('kills a process that reads through bare undici’s proxy agent (the unguarded path)', async () => {
    lieAboutLengthThenClose(Infinity);
    const before = proxy.tunnels.length;
    const run = await runUnguardedReader(`${baseUrl()}/v2/${repository}/blobs/${blob.digest}`, proxyVariables(), scheme === 'https' ? ca : undefined);
    expect(proxy.tunnels.slice(before)).toContain(target());
    expect(run.code, run.stdout).not.toBe(0);
    expect(run.stderr).toMatch(/AssertionError[\s\S]*!this\.paused/);
  });

  it('fails the slow reader’s body with a catchable error through our dispatcher, and the worker lives on', async () => {
    restoreEnv = setProxyEnv(scheme === 'http' ? { http: proxy.url } : { https: proxy.url });
    // as many lying answers as the unguarded process needed tries: without the guard any one kills this worker
    for (let attempt = 1; attempt <= 3; attempt++) {
      lieAboutLengthThenClose();
      const before = proxy.tunnels.length;
      const stream = await fetchBlobStream(client(), repository, { digest: blob.digest, size: blob.size });
      await expect(readSlowly(stream)).rejects.toMatchObject({ name: expect.stringMatching(/^(SocketError|ResponseContentLengthMismatchError)$/) });
      expect(proxy.tunnels.slice(before)).toContain(target());
    }
  });

  it('resumes a download through the proxy whose promised Content-Length never arrives', async () => {
    restoreEnv = setProxyEnv(scheme === 'http' ? { http: proxy.url } : { https: proxy.url });
    lieAboutLengthThenClose();
    const before = proxy.tunnels.length;
    const path = join(env.dir, `proxied-fin-${scheme}.bin`);
    const result = await downloadBlob(client(), { repository, descriptor: { digest: blob.digest, size: blob.size }, targetPath: path });
    expect(result.resumes).toBe(1);
    expect((await readFile(path)).equals(blob.data)).toBe(true);
    expect(proxy.tunnels.slice(before)).toContain(target());
  });
});
