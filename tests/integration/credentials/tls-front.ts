import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';

export interface TlsFront {
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** The self-signed certificate, which is its own CA. */
  caPath: string;
  /** A PEM file that is not a certificate. */
  keyPath: string;
  stop(): Promise<void>;
}

/** A TLS front with a self-signed certificate before a plain-HTTP registry: how a registry with a private CA looks to the app. */
export async function startTlsFront(upstream: { url: string; host: string }): Promise<TlsFront> {
  const dir = await makeTempDir('tls');
  const caPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await runCommand('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', caPath]);
  const front = createServer({ key: await readFile(keyPath), cert: await readFile(caPath) }, (req, res) => {
    const forward = httpRequest(`${upstream.url}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(front.address() as AddressInfo).port}`,
    caPath,
    keyPath,
    stop: async () => {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await removeTempDir(dir);
    },
  };
}
