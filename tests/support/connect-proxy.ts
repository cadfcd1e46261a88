import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`, without credentials. */
  url: string;
  port: number;
  /** The `host:port` of every CONNECT it was asked for, accepted or not, in order. */
  readonly tunnels: string[];
  /** How many requests it refused with 407. */
  readonly refused: number;
  stop(): Promise<void>;
}

/**
 * A real forward proxy that speaks only HTTP CONNECT (what undici's ProxyAgent uses, for http and
 * https origins alike): it opens a TCP connection to the requested host and pipes bytes both ways
 * untouched, so TLS to the registry runs end to end through it. With `credentials`, a CONNECT
 * without the matching `Proxy-Authorization: Basic` is answered 407.
 */
export async function startConnectProxy(options: { credentials?: { username: string; password: string } } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  let refused = 0;
  const sockets = new Set<Socket>();
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`
    : undefined;

  const server = createServer((_req, res) => res.writeHead(405, { connection: 'close' }).end('CONNECT only'));
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (expected !== undefined && req.headers['proxy-authorization'] !== expected) {
      refused += 1;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const match = /^([^:]+):(\d+)$/.exec(target);
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), match[1]);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.byteLength > 0) upstream.write(head);
      // pipe() passes a FIN on as a FIN, so a server's clean close reaches the client as one
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    get refused() {
      return refused;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
