import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLogin } from '../../../electron/credentials/verify-login';
import { checkRegistry } from '../../../electron/registries/check-registry';
import { SavedRegistry } from '../../../electron/registries/saved-registry';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { rejection } from './rejection';
import { startTlsFront, type TlsFront } from './tls-front';

let registry: TestRegistry;
let front: TlsFront;
const password = `tls-${Math.random().toString(36).slice(2)}-pw`;

// The real htpasswd registry behind a TLS front with a self-signed certificate.
beforeAll(async () => {
  registry = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
  front = await startTlsFront(registry);
});

afterAll(async () => {
  await front?.stop();
  await registry?.stop();
});

function saved(caCertPath?: string): SavedRegistry {
  return SavedRegistry.parse({
    id: 'tls',
    name: 'tls',
    url: front.url,
    host: new URL(front.url).host,
    kind: 'local',
    insecure: false,
    accounts: [{ username: 'alice', active: true, secretKind: 'password' }],
    pinnedRepositories: [],
    useDockerCredentials: false,
    ...(caCertPath ? { caCertPath } : {}),
  });
}

describe('verify a login over TLS with a private CA', () => {
  it('without the CA: a TLS error that says to trust the CA certificate', async () => {
    const error = await rejection(verifyLogin({ url: front.url }, { username: 'alice', password }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/^TLS to 127\.0\.0\.1:\d+ failed \(.*self-signed certificate\): trust its CA certificate/);
  });

  it('with the CA file: a wrong password is refused, the right one accepted', async () => {
    const wrong = await rejection(verifyLogin({ url: front.url, caCertPath: front.caPath }, { username: 'alice', password: 'wrong-password' }));
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).toMatch(/refused the login for alice/);
    await expect(verifyLogin({ url: front.url, caCertPath: front.caPath }, { username: 'alice', password })).resolves.toBeUndefined();
  });

  it('insecure by opt-in: the unverifiable certificate is accepted and the login checked', async () => {
    await expect(verifyLogin({ url: front.url, insecure: true }, { username: 'alice', password })).resolves.toBeUndefined();
  });

  it('a CA path that is not a certificate is an input error naming the file', async () => {
    const error = await rejection(verifyLogin({ url: front.url, caCertPath: front.keyPath }, { username: 'alice', password }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('key.pem cannot be used');
  });
});

describe('registry status over TLS with a private CA', () => {
  const login = { credentialFor: async () => ({ username: 'alice', password }) };

  it('without the CA: a TLS problem with the reason and what to do', async () => {
    const status = await checkRegistry(saved(), login);
    expect(status.state).toBe('tls-error');
    expect(status.reason).toMatch(/^TLS to 127\.0\.0\.1:\d+ failed \(.*self-signed certificate\)\. Edit the registry to trust its CA certificate file/);
  });

  it('with the CA file: connected as alice; without a login: login needed', async () => {
    expect(await checkRegistry(saved(front.caPath), login)).toMatchObject({ state: 'connected', reason: `connected as alice: ${new URL(front.url).host} accepts the login.` });
    expect(await checkRegistry(saved(front.caPath), { credentialFor: async () => undefined })).toMatchObject({ state: 'login-needed', reason: expect.stringContaining('asks for a login (Basic)') });
  });

  it('an unusable CA file is a TLS problem naming the file', async () => {
    const status = await checkRegistry(saved(front.keyPath), login);
    expect(status).toMatchObject({ state: 'tls-error', reason: expect.stringContaining('key.pem cannot be used') });
  });
});
