import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { defaultVerifyLogin } from '../../../electron/credentials/verify-login';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

let registry: TestRegistry;
let front: Server;
let dir: string;
let caPath: string;
let url: string;
const password = `tls-${Math.random().toString(36).slice(2)}-pw`;

// The real htpasswd registry behind a TLS front with a self-signed certificate, as a registry with
// a private CA looks to the app.
beforeAll(async () => {
  registry = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
  dir = await makeTempDir('tls');
  caPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await runCommand('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', caPath]);
  front = createServer({ key: await readFile(keyPath), cert: await readFile(caPath) }, (req, res) => {
    const upstream = httpRequest(`${registry.url}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, host: registry.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  front?.close();
  await registry?.stop();
  if (dir) await removeTempDir(dir);
});

async function rejection(work: Promise<unknown>): Promise<ContractError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

describe('verify a login over TLS with a private CA', () => {
  it('without the CA: a TLS error that says to trust the CA certificate', async () => {
    const error = await rejection(defaultVerifyLogin({ url }, { username: 'alice', password }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/^TLS to 127\.0\.0\.1:\d+ failed .*trust its CA certificate/);
  });

  it('with the CA file: a wrong password is refused, the right one accepted', async () => {
    const wrong = await rejection(defaultVerifyLogin({ url, caCertPath: caPath }, { username: 'alice', password: 'wrong-password' }));
    expect(wrong.code).toBe('unauthorized');
    await expect(defaultVerifyLogin({ url, caCertPath: caPath }, { username: 'alice', password })).resolves.toBeUndefined();
  });

  it('a CA path that is not a certificate is an input error naming the file', async () => {
    const error = await rejection(defaultVerifyLogin({ url, caCertPath: join(dir, 'key.pem') }, { username: 'alice', password }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('key.pem cannot be used');
  });
});
