import { Socket } from 'node:net';
import { errors, type buildConnector } from 'undici';
import { describe, expect, it } from 'vitest';
import { explainProxyRefusal } from './proxy-refusal';

const options: buildConnector.Options = { hostname: 'registry.example', host: 'registry.example:5000', protocol: 'https:', port: '5000', servername: 'registry.example' };

/** A stand-in (mock) connector that answers with what it is given. */
function answering(...args: Parameters<buildConnector.Callback>): buildConnector.connector {
  return (_options, callback) => callback(...args);
}

function connectWith(connector: buildConnector.connector): Promise<Parameters<buildConnector.Callback>> {
  return new Promise((resolve) => explainProxyRefusal(connector)(options, (...args) => resolve(args)));
}

describe('explainProxyRefusal (mock connectors)', () => {
  it('says a 407 from the proxy is about its credentials, naming the registry, not the proxy URL', async () => {
    const [error, socket] = await connectWith(answering(new errors.RequestAbortedError('Proxy response (407) !== 200 when HTTP Tunneling'), null));
    expect(socket).toBeNull();
    expect(error).toMatchObject({ name: 'ContractError', code: 'network', message: expect.stringMatching(/^The proxy refused the connection to registry\.example:5000 for want of valid credentials \(HTTP 407\)/) });
  });

  it('names any other refusal status', async () => {
    const [error] = await connectWith(answering(new errors.RequestAbortedError('Proxy response (403) !== 200 when HTTP Tunneling'), null));
    expect(error).toMatchObject({ code: 'network', message: expect.stringContaining('(HTTP 403)') });
  });

  it('passes a real cancellation and a socket through untouched', async () => {
    const aborted = new errors.RequestAbortedError();
    expect((await connectWith(answering(aborted, null)))[0]).toBe(aborted);
    const socket = new Socket();
    expect(await connectWith(answering(null, socket))).toEqual([null, socket]);
  });
});
