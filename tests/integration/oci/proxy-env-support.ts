import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { runCommand } from '../../support/processes';

const proxyVariables = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/**
 * Sets the standard proxy variables for what runs next (undici reads the lowercase ones first, so
 * both spellings are set) and returns a function that puts the previous values back.
 */
export function setProxyEnv(vars: { http?: string; https?: string; noProxy?: string }): () => void {
  const saved = Object.fromEntries(proxyVariables.map((name) => [name, process.env[name]]));
  const values: Record<(typeof proxyVariables)[number], string | undefined> = {
    HTTP_PROXY: vars.http,
    http_proxy: vars.http,
    HTTPS_PROXY: vars.https,
    https_proxy: vars.https,
    NO_PROXY: vars.noProxy,
    no_proxy: vars.noProxy,
  };
  for (const name of proxyVariables) assignEnv(name, values[name]);
  return () => {
    for (const name of proxyVariables) assignEnv(name, saved[name]);
  };
}

function assignEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** A self-signed certificate for 127.0.0.1 (openssl), as its PEM key and certificate. */
export async function loopbackCertificate(dir: string): Promise<{ key: string; cert: string }> {
  await runCommand('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ]);
  return { key: await readFile(join(dir, 'key.pem'), 'utf8'), cert: await readFile(join(dir, 'cert.pem'), 'utf8') };
}

export interface TlsFront {
  /** `https://127.0.0.1:PORT` */
  url: string;
  host: string;
  stop(): Promise<void>;
}

/**
 * TLS in front of a plain-HTTP server, byte for byte: a FIN from the upstream reaches the client
 * as a clean TLS close, which is what the fault proxy's `content-length` fault needs to stay exact.
 */
export function startTlsTerminator(upstreamPort: number, tls: { key: string; cert: string }): Promise<TlsFront> {
  const sockets = new Set<Socket>();
  const server = createTlsServer(tls, (client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.end());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return listen(server, sockets);
}

/**
 * An HTTPS reverse proxy in front of a plain-HTTP registry that says `X-Forwarded-Proto: https`,
 * so Distribution writes https upload Locations (a raw TLS terminator would get http ones).
 */
export function startHttpsFront(upstreamPort: number, tls: { key: string; cert: string }): Promise<TlsFront> {
  const sockets = new Set<Socket>();
  const server = createHttpsServer(tls, (req, res) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': 'https' }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return listen(server, sockets);
}

async function listen(server: Server, sockets: Set<Socket>): Promise<TlsFront> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
