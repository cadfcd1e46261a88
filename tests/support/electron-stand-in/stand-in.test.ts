import { describe, expect, it } from 'vitest';
import { Journal } from './journal';
import { createMainStandIn } from './main-stand-in';
import type { StandInOptions } from './options';
import { resolveReferences } from './run-step';

// The stand-in must refuse what Electron refuses, or the boot tests would pass code that fails in the real app.

const options = (): StandInOptions => ({
  appPath: '/app',
  userData: '/data',
  home: '/home/u',
  version: '1.0.0',
  singleInstanceLock: true,
  notificationsSupported: true,
  openDialogAnswers: [],
  openPathAnswers: [],
});

function standIn() {
  const journal = new Journal();
  return { journal, ...createMainStandIn(options(), journal) };
}

type ElectronLike = Record<string, Record<string, (...args: unknown[]) => unknown>>;

describe('the electron stand-in (a mock of the electron module)', () => {
  it('names an Electron API it does not implement instead of handing back undefined', () => {
    const { electron, journal } = standIn();
    const app = (electron as ElectronLike).app!;
    expect(() => app.setAppUserModelId!('x')).toThrow('The Electron stand-in has no app.setAppUserModelId');
    expect(journal.calls('missing').map((entry) => entry.args[0])).toEqual(['app.setAppUserModelId']);
  });

  it('allows privileged schemes only before ready, protocol.handle and windows only after', () => {
    const { electron, app } = standIn();
    const { protocol, BrowserWindow } = electron as { protocol: { registerSchemesAsPrivileged(s: unknown[]): void; handle(s: string, h: () => Response): void }; BrowserWindow: new (o: object) => unknown };
    expect(() => protocol.handle('app', () => new Response(''))).toThrow('after the app is ready');
    expect(() => new BrowserWindow({})).toThrow('before app is ready');
    protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]);
    app.becomeReady();
    expect(() => protocol.registerSchemesAsPrivileged([{ scheme: 'app' }])).toThrow('should be called before app is ready');
    protocol.handle('app', () => new Response(''));
    expect(() => protocol.handle('app', () => new Response(''))).toThrow('already handled');
  });

  it('refuses a second invoke handler on a channel, and rejects an invoke nothing handles', async () => {
    const { ipcMain } = standIn();
    ipcMain.handle('c', () => 1);
    expect(() => ipcMain.handle('c', () => 2)).toThrow("Attempted to register a second handler for 'c'");
    await expect(ipcMain.invoke('c', {})).resolves.toBe(1);
    ipcMain.removeHandler('c');
    await expect(ipcMain.invoke('c', {})).rejects.toThrow("No handler registered for 'c'");
  });

  it('quits in Electron’s order, lets will-quit hold the quit, and sends window-all-closed only when the user closed the last window', () => {
    const { app, journal } = standIn();
    const seen: string[] = [];
    for (const name of ['before-quit', 'will-quit', 'quit', 'window-all-closed']) app.on(name, () => seen.push(name));
    let hold = true;
    app.on('will-quit', (event: { preventDefault(): void }) => {
      if (hold) event.preventDefault();
    });
    app.quit();
    expect(seen).toEqual(['before-quit', 'will-quit']);
    hold = false;
    app.quit();
    expect(seen).toEqual(['before-quit', 'will-quit', 'before-quit', 'will-quit', 'quit']);
    expect(journal.calls('app.quit')).toHaveLength(2);
  });

  it('fills {{label.path}} in a step input from earlier results, and says which one is missing', () => {
    const results = new Map<string, unknown>([['added', { ok: true, value: { id: 'r1', tags: ['v1'] } }]]);
    expect(resolveReferences({ registryId: '{{added.value.id}}', tags: '{{added.value.tags}}', note: 'plain {{text}}' }, results)).toEqual({
      registryId: 'r1',
      tags: ['v1'],
      note: 'plain {{text}}',
    });
    expect(() => resolveReferences('{{draft.value.draftId}}', results)).toThrow('No earlier step is labelled draft.');
    expect(() => resolveReferences('{{added.value.nothing}}', results)).toThrow('The result of added has no value.nothing.');
  });
});
