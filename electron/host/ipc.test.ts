import { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext, Handlers, RegistryView } from '../../shared/contract';
import { DropAllowList } from '../app/dropped-paths';
import { createQueuedEventSink } from '../app/event-queue';
import type { Logger } from '../log/logger';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL } from '../preload/channels';

/** Electron cannot run here: a mock ipcMain records what ipc.ts registers. */
const ipcMock = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const listeners = new Map<string, (...args: unknown[]) => void>();
  return {
    handlers,
    listeners,
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
      on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
      removeListener: (channel: string) => listeners.delete(channel),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: ipcMock.ipcMain }));

const { registerIpc } = await import('./ipc');

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function mockWindow() {
  const sent: Array<[string, unknown]> = [];
  const contents = Object.assign(new EventEmitter(), {
    id: 3,
    isDestroyed: () => false,
    send: (channel: string, message: unknown) => sent.push([channel, message]),
  });
  const window = Object.assign(new EventEmitter(), { webContents: contents });
  return { window: window as unknown as BrowserWindow, contents, sent, emitWindow: (name: string) => window.emit(name) };
}

const topFrame = { url: 'app://stevedore/index.html', parent: null };
const view: RegistryView = { id: 'a', name: 'a', url: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', insecure: true, kind: 'local', accounts: [], pinnedRepositories: [], useDockerCredentials: false, status: { state: 'unknown' } };

function setup(handlerOverrides: Partial<Handlers> = {}) {
  const { window, contents, sent, emitWindow } = mockWindow();
  const handlers = {
    'app.info': () => Promise.resolve({ name: 'Stevedore', version: '1', host: 'electron', capabilities: { nativeFolderPicker: true, dropPaths: true, keychain: false } }),
    ...handlerOverrides,
  } as unknown as Handlers;
  const events = createQueuedEventSink();
  const drops = new DropAllowList();
  const dispose = registerIpc({ window, appOrigin: 'app://stevedore', handlers, events, drops, log: silent });
  const call = (name: unknown, input: unknown, frame: unknown = topFrame, senderId = 3) =>
    ipcMock.handlers.get(CALL_CHANNEL)?.({ sender: { id: senderId }, senderFrame: frame }, name, input) as Promise<unknown>;
  return { window, contents, sent, emitWindow, events, drops, dispose, call };
}

describe('registerIpc (mock ipcMain and window)', () => {
  it('answers a call from our top frame through the dispatcher', async () => {
    const { call, dispose } = setup();
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { name: 'Stevedore', host: 'electron' } });
    expect(await call('no.such.call', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    dispose();
  });
  it('refuses calls from a subframe, another window or another origin without running the handler', async () => {
    let ran = 0;
    const { call, dispose } = setup({ 'app.info': () => Promise.resolve(void ran++) as never });
    const denied = { ok: false, error: { code: 'denied', message: 'This page may not call Stevedore.' } };
    expect(await call('app.info', {}, { url: 'app://stevedore/x', parent: topFrame })).toEqual(denied);
    expect(await call('app.info', {}, topFrame, 99)).toEqual(denied);
    expect(await call('app.info', {}, { url: 'https://evil.example/', parent: null })).toEqual(denied);
    expect(await call('app.info', {}, null)).toEqual(denied);
    expect(ran).toBe(0);
    dispose();
  });
  it('queues events until the page has loaded, and again while it reloads', () => {
    const { contents, sent, events, dispose } = setup();
    events.emit('registries.changed', [view]);
    expect(sent).toEqual([]);
    contents.emit('did-finish-load');
    expect(sent).toEqual([[EVENT_CHANNEL, { name: 'registries.changed', payload: [view] }]]);
    contents.emit('did-start-loading');
    events.emit('registries.changed', []);
    expect(sent).toHaveLength(1);
    contents.emit('did-finish-load');
    expect(sent).toHaveLength(2);
    dispose();
  });
  it('registers dropped paths only from our top frame', () => {
    const { drops, dispose } = setup();
    const dropped = ipcMock.listeners.get(DROPPED_CHANNEL);
    dropped?.({ sender: { id: 3 }, senderFrame: { url: 'https://evil.example/', parent: null } }, ['/etc/shadow']);
    expect(drops.size).toBe(0);
    dropped?.({ sender: { id: 3 }, senderFrame: topFrame }, ['/home/u/chart.tgz']);
    expect(drops.consume(['/home/u/chart.tgz'])).toEqual(['/home/u/chart.tgz']);
    dispose();
  });
  it('aborts running calls when the window closes and unregisters, so a new window can register', async () => {
    let seen: CallContext | undefined;
    const { call, emitWindow } = setup({
      'app.info': (_args: unknown, ctx: CallContext) => {
        seen = ctx;
        return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))) as never;
      },
    });
    const pending = call('app.info', {});
    emitWindow('closed');
    expect(seen?.signal.aborted).toBe(true);
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
    expect(ipcMock.handlers.has(CALL_CHANNEL)).toBe(false);
    expect(ipcMock.listeners.has(DROPPED_CHANNEL)).toBe(false);
    const again = setup();
    expect(await again.call('app.info', {})).toMatchObject({ ok: true });
    again.dispose();
  });
});
