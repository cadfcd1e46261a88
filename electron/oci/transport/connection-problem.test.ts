import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { connectionProblem } from './connection-problem';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connectionProblem', () => {
  it('names the host when nothing listens (a real refused connection)', async () => {
    const port = await closedPort();
    const error = await request(`http://127.0.0.1:${port}/v2/`).catch((e: unknown) => e);
    expect(connectionProblem(error, `127.0.0.1:${port}`)).toEqual({
      kind: 'unreachable',
      reason: `Nothing is listening at 127.0.0.1:${port}: is the registry running, and is the port right?`,
    });
  });

  it('calls a certificate failure a TLS problem, with the code and the words of the error', () => {
    const error = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(connectionProblem(error, 'registry.example.com')).toEqual({
      kind: 'tls',
      reason: 'TLS to registry.example.com failed (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate)',
    });
  });

  it('finds the code in the cause', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    expect(connectionProblem(new Error('fetch failed', { cause }), 'nowhere.invalid')).toEqual({
      kind: 'unreachable',
      reason: 'The name in nowhere.invalid does not resolve: check the spelling and your network.',
    });
    const reset = connectionProblem(new Error('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'h:1');
    expect(reset?.reason).toBe('h:1 closed the connection: it may not speak HTTPS, or something in between cut it.');
  });

  it('quotes the error for other network codes without the credentials a URL in it may carry', () => {
    const error = Object.assign(new Error('connect EHOSTUNREACH https://bob:hunter2@10.9.9.9/v2/'), { code: 'EHOSTUNREACH' });
    const problem = connectionProblem(error, '10.9.9.9');
    expect(problem).toEqual({ kind: 'unreachable', reason: '10.9.9.9 could not be reached (EHOSTUNREACH: connect EHOSTUNREACH https://10.9.9.9/v2/).' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('leaves contract errors, cancellations and other failures to the caller', () => {
    expect(connectionProblem(new ContractError('denied', 'no'), 'h')).toBeUndefined();
    expect(connectionProblem(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'h')).toBeUndefined();
    expect(connectionProblem(new TypeError('bug'), 'h')).toBeUndefined();
    expect(connectionProblem('not an error', 'h')).toBeUndefined();
  });
});
