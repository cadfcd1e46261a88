import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnsweringServer {
  url: string;
  host: string;
  /** `METHOD path` of every request, ` +auth` when it carried an Authorization header. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server answering as `answer` says: for registry answers the real docker-registry
 * and token server never give (other auth schemes, OAuth2 400s, hostile realms).
 */
export async function startAnsweringServer(answer: (req: IncomingMessage, res: ServerResponse, url: string) => void): Promise<AnsweringServer> {
  const requests: string[] = [];
  let url = '';
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}${req.headers.authorization ? ' +auth' : ''}`);
    answer(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
