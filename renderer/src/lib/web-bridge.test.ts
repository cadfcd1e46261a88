import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ContractError } from '../../../shared/contract/errors';
import { WebSocketBridge } from './web-bridge';

// Node 20 has no global WebSocket; the ws client implements the same browser-style API.
const Client = NodeWebSocket as unknown as typeof WebSocket;
let server: WebSocketServer;
let url: string;
const connections: ServerSocket[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/ws`;
  server.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => {
      const { id, name } = JSON.parse(data.toString()) as { id: number; name: string };
      if (name === 'app.info') socket.send(JSON.stringify({ id, envelope: { ok: true, value: { name: 'Stevedore' } } }));
      if (name === 'registries.list') socket.send(JSON.stringify({ id, envelope: { ok: false, error: { code: 'denied', message: 'No.' } } }));
      // 'registries.ping' is left unanswered, to be cut off by a closing socket.
    });
  });
});

afterAll(async () => {
  for (const socket of server.clients) socket.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('WebSocketBridge against a real ws server', () => {
  it('waits for the socket, sends calls and returns envelopes as they come', async () => {
    const bridge = new WebSocketBridge(url, undefined, Client);
    expect(await bridge.call('app.info', {})).toEqual({ ok: true, value: { name: 'Stevedore' } });
    expect(await bridge.call('registries.list', {})).toEqual({ ok: false, error: { code: 'denied', message: 'No.' } });
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const bridge = new WebSocketBridge(url, undefined, Client);
    await bridge.call('app.info', {});
    const seen: unknown[] = [];
    const off = bridge.on('registries.changed', (list) => seen.push(list));
    const arrived = new Promise<void>((resolve) => bridge.on('registries.changed', () => resolve()));
    connections.at(-1)?.send(JSON.stringify({ event: 'registries.changed', payload: [] }));
    await arrived;
    off();
    expect(seen).toEqual([[]]);
  });

  it('rejects pending calls when the socket closes, then reconnects and says so', async () => {
    let reconnected!: () => void;
    const reconnectedOnce = new Promise<void>((resolve) => (reconnected = resolve));
    const bridge = new WebSocketBridge(url, () => reconnected(), Client);
    await bridge.call('app.info', {});
    const pending = bridge.call('registries.ping', { id: 'abc' });
    connections.at(-1)?.terminate();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('network');
    await reconnectedOnce;
    expect(await bridge.call('app.info', {})).toMatchObject({ ok: true });
  });
});
