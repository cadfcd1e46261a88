import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EventSink, Handlers } from '../../shared/contract';
import type { Logger } from '../log/logger';
import { checkRequest } from './request-guard';
import { setSecurityHeaders } from './security-headers';
import { sessionCookie, tokenMatches } from './session-token';
import { SocketBridge } from './socket-bridge';
import { serveStatic } from './static-files';
import { handleUploadRoute } from './upload-routes';
import { createStagingArea, type StagingArea } from './uploads';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port: number;
  token: string;
  rendererDir: string;
  uploadMaxBytes: number;
  log: Logger;
  /** `staging` is where the browser's uploads land: the services reach it through `integration.staged`. */
  createHandlers(events: EventSink, staging: StagingArea): Handlers | Promise<Handlers>;
}

export interface WebHost {
  port: number;
  /** The address to open, with the token; print it once, log it never. */
  url: string;
  staging: StagingArea;
  close(): Promise<void>;
}

/** The web host: static renderer, one WebSocket for the contract, uploads; all behind the token. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { log, token } = options;
  const bridge = new SocketBridge(log);
  const staging = await createStagingArea(options.uploadMaxBytes);
  bridge.setHandlers(await options.createHandlers(bridge, staging));
  let port = options.port;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error(`${req.method} ${pathOf(req)} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Stevedore hit an internal error; the log has the details.\n');
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // uploads may take long; the socket timeout below still catches stalls
  server.on('upgrade', (req, socket, head) => upgrade(req, socket, head));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res, port);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const queryToken = url.searchParams.get('token');
    const verdict = checkRequest(req, { port, token });
    if (queryToken !== null && url.pathname === '/' && (verdict.ok || verdict.status === 401)) {
      if (!tokenMatches(token, queryToken)) return text(res, 401, 'That token is not this Stevedore\'s; use the address it printed when it started.');
      res.writeHead(303, { 'Set-Cookie': sessionCookie(port, token), Location: '/', 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (!verdict.ok) return text(res, verdict.status, verdict.message);
    if (await handleUploadRoute(url.pathname, req, res, staging, log)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Only GET and HEAD are served here.');
    await serveStatic(options.rendererDir, url.pathname, res, req.method === 'HEAD');
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = pathOf(req) === '/api/ws' ? checkRequest(req, { port, token, requireOrigin: true }) : { ok: false as const, status: 403 as const, message: 'No WebSocket here.' };
    if (!verdict.ok) {
      const reason = verdict.status === 401 ? 'Unauthorized' : 'Forbidden';
      socket.end(`HTTP/1.1 ${verdict.status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${verdict.message}\n`);
      return;
    }
    bridge.server.handleUpgrade(req, socket, head, (ws) => bridge.server.emit('connection', ws, req));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use; set STEVEDORE_PORT to another port or leave it unset.`) : error);
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    staging,
    async close() {
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await staging.cleanup();
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

function text(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${message}\n`);
}
