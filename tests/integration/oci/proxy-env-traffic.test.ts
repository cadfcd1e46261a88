import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { toContractError } from '../../../electron/oci/errors';
import { EMPTY_JSON_DIGEST } from '../../../electron/oci/manifests/media-types';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { makeTempDir, randomSecret, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { emptyArtifact } from './helpers';
import { loopbackCertificate, setProxyEnv, startHttpsFront, type TlsFront } from './proxy-env-support';

const proxyUser = 'proxy-user';
const proxyPassword = `pw-${randomSecret()}`;
let registry: TestRegistry;
let proxy: ConnectProxy;
let front: TlsFront;
let certificate: { key: string; cert: string };
let dir: string;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  dir = await makeTempDir('proxy-env-traffic');
  certificate = await loopbackCertificate(dir);
  registry = await startRegistry();
  proxy = await startConnectProxy({ credentials: { username: proxyUser, password: proxyPassword } });
  front = await startHttpsFront(registry.port, certificate);
});
afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});
afterAll(async () => {
  await front?.stop();
  await proxy?.stop();
  await registry?.stop();
  if (dir) await removeTempDir(dir);
});

const proxyUrl = (password = proxyPassword) => `http://${proxyUser}:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`;

/** Pushes a blob and a manifest naming it, reads both back, and checks they are the same bytes. */
async function roundTrip(reg: Registry, repository: string): Promise<void> {
  const data = randomBytes(3 * 1024 * 1024 + 17);
  const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
  expect((await uploadBlob(reg.http, { repository, source: { data } })).outcome).toBe('uploaded');
  await uploadBlob(reg.http, { repository, source: { data: Buffer.from('{}') } });
  const manifest = emptyArtifact({ 'test.proxy': repository }, { layers: [{ mediaType: 'application/octet-stream', digest, size: data.byteLength }] });
  const pushed = await reg.repository(repository).pushManifest(manifest, 'v1');

  const fetched = await reg.repository(repository).manifests().fetch('v1');
  expect(fetched.descriptor.digest).toBe(pushed.digest);
  expect(fetched.parsed).toMatchObject({ kind: 'manifest', manifest: { config: { digest: EMPTY_JSON_DIGEST } } });
  const target = join(dir, `${repository.replace('/', '-')}.bin`);
  await downloadBlob(reg.http, { repository, descriptor: { digest, size: data.byteLength }, targetPath: target });
  expect((await readFile(target)).equals(data)).toBe(true);
}

describe('registry traffic through an HTTP CONNECT proxy from the standard environment variables', () => {
  it('pushes and pulls manifests and blobs of a plain-HTTP registry through HTTP_PROXY, with the proxy’s credentials from its URL', async () => {
    restoreEnv = setProxyEnv({ http: proxyUrl() });
    const before = proxy.tunnels.length;
    await roundTrip(createRegistry({ baseUrl: registry.url }), 'proxy/plain');
    const tunnels = proxy.tunnels.slice(before);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(new Set(tunnels)).toEqual(new Set([registry.host]));
    expect(proxy.refused).toBe(0);
  });

  it('pushes and pulls through HTTPS_PROXY to an https registry, trusting that registry’s own CA inside the tunnel', async () => {
    restoreEnv = setProxyEnv({ https: proxyUrl() });
    const before = proxy.tunnels.length;
    await roundTrip(createRegistry({ baseUrl: front.url, ca: certificate.cert }), 'proxy/tls');
    expect(new Set(proxy.tunnels.slice(before))).toEqual(new Set([front.host]));
  });

  it('still refuses an unverifiable certificate through the tunnel, and accepts it only with insecure', async () => {
    restoreEnv = setProxyEnv({ https: proxyUrl() });
    const refused = await createRegistry({ baseUrl: front.url, retry: { maxAttempts: 1 } }).ping().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'network', message: expect.stringMatching(/certificate/) });
    await expect(createRegistry({ baseUrl: front.url, insecure: true }).ping()).resolves.toBeUndefined();
    expect(proxy.tunnels.filter((t) => t === front.host).length).toBeGreaterThanOrEqual(2);
  });

  it('goes direct to a registry NO_PROXY names', async () => {
    restoreEnv = setProxyEnv({ http: proxyUrl(), https: proxyUrl(), noProxy: `example.invalid, 127.0.0.1:${registry.port}` });
    const before = proxy.tunnels.length;
    await roundTrip(createRegistry({ baseUrl: registry.url }), 'proxy/bypass');
    expect(proxy.tunnels.length).toBe(before);
  });

  it('fails with a clear error, never showing the proxy password, when the proxy refuses the credentials', async () => {
    const wrong = `wrong-${randomSecret()}`;
    restoreEnv = setProxyEnv({ http: proxyUrl(wrong) });
    const refusedBefore = proxy.refused;
    const error = await createRegistry({ baseUrl: registry.url, retry: { maxAttempts: 1 } }).ping().catch((e: unknown) => e);
    expect(proxy.refused).toBeGreaterThan(refusedBefore);
    expect(toContractError(error)).toMatchObject({ code: 'network', message: expect.stringMatching(/proxy refused .*credentials \(HTTP 407\)/) });
    const shown = `${inspect(error, { depth: 8 })}\n${JSON.stringify(toContractError(error))}`;
    expect(shown).not.toContain(wrong);
    expect(shown).not.toContain(Buffer.from(`${proxyUser}:${wrong}`).toString('base64'));
  });
});
