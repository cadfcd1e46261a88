import { StandInApp } from './app';
import { browserWindowClass, type StandInBrowserWindow } from './browser-window';
import { createDialog, createMenu, createNativeImage, createSafeStorage, createScreen, createShell, notificationClass, StandInSession } from './desktop-services';
import { StandInIpcMain } from './ipc-main';
import type { Journal } from './journal';
import type { StandInOptions } from './options';
import { StandInProtocol } from './protocol';
import { strict } from './strict';

/** The stand-in `electron` module of the main process, and the runtime's handles on it. */
export interface MainStandIn {
  /** What `require('electron')` returns. */
  electron: Record<string, unknown>;
  /** The answers it gives; the runtime may queue more (dialog answers) as a scenario goes. */
  options: StandInOptions;
  app: StandInApp;
  ipcMain: StandInIpcMain;
  protocol: StandInProtocol;
  session: StandInSession;
  windows(): StandInBrowserWindow[];
}

export function createMainStandIn(options: StandInOptions, journal: Journal): MainStandIn {
  const app = new StandInApp(journal, options);
  const protocol = new StandInProtocol(journal, app);
  const ipcMain = new StandInIpcMain(journal);
  const session = new StandInSession(journal);
  const windows = new Set<StandInBrowserWindow>();
  const BrowserWindow = browserWindowClass({ journal, app, protocol, windows });
  app.closeAllWindows = () => {
    for (const window of [...windows]) window.close();
  };
  const electron = {
    app: strict(app, 'app', journal),
    BrowserWindow,
    protocol: strict(protocol, 'protocol', journal),
    ipcMain: strict(ipcMain, 'ipcMain', journal),
    session: strict({ defaultSession: strict(session, 'session.defaultSession', journal) }, 'session', journal),
    dialog: strict(createDialog(journal, options), 'dialog', journal),
    shell: strict(createShell(journal, options), 'shell', journal),
    Notification: notificationClass(journal, options),
    Menu: strict(createMenu(journal), 'Menu', journal),
    nativeImage: strict(createNativeImage(journal), 'nativeImage', journal),
    screen: strict(createScreen(journal), 'screen', journal),
    safeStorage: strict(createSafeStorage(journal), 'safeStorage', journal),
  };
  return {
    electron: strict(electron, 'electron', journal),
    options,
    app,
    ipcMain,
    protocol,
    session,
    windows: () => [...windows],
  };
}
