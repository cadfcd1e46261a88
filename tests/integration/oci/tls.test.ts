import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { toContractError } from '../../../electron/oci/errors';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';

describe('TLS per registry: its own CA, or an explicit insecure opt-in (real TLS, openssl certificate)', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let ca: string;

  beforeAll(async () => {
    dir = await makeTempDir('oci-tls');
    await runCommand('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    ca = await readFile(join(dir, 'cert.pem'), 'utf8');
    server = createServer({ key: await readFile(join(dir, 'key.pem')), cert: ca }, (_req, res) => res.writeHead(200).end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await removeTempDir(dir);
  });

  it('refuses a certificate it cannot verify', async () => {
    const client = new RegistryClient({ baseUrl: url, retry: { maxAttempts: 1 } });
    const error = await client.send({ method: 'GET', url: '/v2/', scopes: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/) });
    expect(toContractError(error)).toMatchObject({ code: 'network', message: expect.stringMatching(/certificate cannot be verified/) });
  });

  it('trusts the registry’s own CA certificate', async () => {
    const client = new RegistryClient({ baseUrl: url, ca });
    expect((await client.send({ method: 'GET', url: '/v2/', scopes: [] })).statusCode).toBe(200);
  });

  it('accepts an unverified certificate only with insecure', async () => {
    const client = new RegistryClient({ baseUrl: url, insecure: true });
    expect((await client.send({ method: 'GET', url: '/v2/', scopes: [] })).statusCode).toBe(200);
  });
});
