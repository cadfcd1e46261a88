import { describe, expect, it } from 'vitest';
import type { RegistryView } from '../../shared/contract';
import { createBridge, type BridgeTransport } from './bridge';
import type { EventMessage } from './channels';

/** A mock transport: no Electron runs here, so ipcRenderer is replaced by a recording fake. */
function mockTransport(reply: (name: string, input: unknown) => Promise<unknown>) {
  const invoked: Array<[string, unknown]> = [];
  let deliver: (message: EventMessage) => void = () => {};
  const transport: BridgeTransport = {
    invoke: (name, input) => {
      invoked.push([name, input]);
      return reply(name, input);
    },
    subscribe: (listener) => {
      deliver = listener;
    },
    pathForFile: (file) => `/dropped/${file.name}`,
  };
  return { transport, invoked, deliver: (m: EventMessage) => deliver(m) };
}

describe('createBridge (mock transport)', () => {
  it('passes calls through and returns main envelope as-is', async () => {
    const { transport, invoked } = mockTransport(() => Promise.resolve({ ok: true, value: [] }));
    const bridge = createBridge(transport);
    expect(await bridge.call('registries.list', {})).toEqual({ ok: true, value: [] });
    expect(invoked).toEqual([['registries.list', {}]]);
  });
  it('turns an IPC failure into an error envelope the UI can show', async () => {
    const { transport } = mockTransport(() => Promise.reject(new Error('Error invoking remote method: reply was never sent')));
    const result = await createBridge(transport).call('app.info', {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal');
    expect(!result.ok && result.error.message).toMatch(/could not reach its main process for app.info/);
  });
  it('delivers events to listeners of that name until they unsubscribe', () => {
    const { transport, deliver } = mockTransport(() => Promise.resolve(null));
    const bridge = createBridge(transport);
    const seen: number[] = [];
    const off = bridge.on('registries.changed', (views: RegistryView[]) => seen.push(views.length));
    deliver({ name: 'registries.changed', payload: [{}, {}] });
    deliver({ name: 'other.event', payload: [{}] });
    off();
    deliver({ name: 'registries.changed', payload: [{}] });
    expect(seen).toEqual([2]);
  });
  it('keeps delivering when one listener throws, and ignores malformed messages', () => {
    const { transport, deliver } = mockTransport(() => Promise.resolve(null));
    const bridge = createBridge(transport);
    const seen: string[] = [];
    bridge.on('registries.changed', () => {
      throw new Error('listener bug');
    });
    bridge.on('registries.changed', () => seen.push('second'));
    const original = console.error;
    console.error = () => {};
    try {
      deliver({ name: 'registries.changed', payload: [] });
      deliver(null as unknown as EventMessage);
      deliver({ name: 5 } as unknown as EventMessage);
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['second']);
  });
  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(mockTransport(() => Promise.resolve(null)).transport);
    expect(() => bridge.on('registries.changed', 'nope' as unknown as () => void)).toThrow(/listener function/);
  });
  it('asks the host for the path of a dropped file', () => {
    const bridge = createBridge(mockTransport(() => Promise.resolve(null)).transport);
    expect(bridge.pathForFile?.({ name: 'chart.tgz' })).toBe('/dropped/chart.tgz');
  });
});
