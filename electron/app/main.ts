import path from 'node:path';
import { app, BrowserWindow, Menu } from 'electron';
import type { Handlers } from '../../shared/contract';
import { registerIpc } from '../host/ipc';
import { createLogger } from '../log/logger';
import { closeWithin } from '../services/close-within';
import { startServices, type ServiceSet } from '../services/create-services';
import { APP_ENTRY_URL, APP_ORIGIN, devServerUrl } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createDesktopIntegration } from './desktop-integration';
import { DropAllowList } from './dropped-paths';
import { createQueuedEventSink } from './event-queue';
import { createMainWindow } from './main-window';
import { menuTemplate } from './menu-template';
import { denyAllPermissions, guardWebContents, openExternalIfAllowed } from './web-contents-guard';

const log = createLogger('electron');
/** How long quitting waits for the services to cancel transfers and clean up before it goes anyway. */
const CLOSE_TIMEOUT_MS = 5000;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const devUrl = devServerUrl(process.env.STEVEDORE_DEV_URL, app.isPackaged);
  const appOrigin = devUrl?.origin ?? APP_ORIGIN;
  const entryUrl = devUrl?.href ?? APP_ENTRY_URL;
  const appRoot = app.getAppPath();
  const events = createQueuedEventSink((dropped) => log.warn(`${dropped} events were dropped while the window was loading`));
  const drops = new DropAllowList();
  let handlers: Handlers | undefined;
  let services: ServiceSet | undefined;
  let mainWindow: BrowserWindow | null = null;

  app.enableSandbox();
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, () => appOrigin, log));
  app.on('second-instance', () => {
    if (mainWindow === null) {
      void openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quit once the services have let go: transfers cancelled (upload sessions closed), work files removed.
  app.on('will-quit', (event) => {
    if (services === undefined) return;
    event.preventDefault();
    const closing = services;
    services = undefined;
    const closed = closing.close().catch((error: unknown) => log.error('closing the services failed', error));
    void closeWithin(closed, CLOSE_TIMEOUT_MS, () => log.warn(`the services did not close within ${CLOSE_TIMEOUT_MS / 1000} s; quitting anyway`)).finally(() => app.quit());
  });

  let opening: Promise<void> | null = null;
  // One window at a time, even when a second launch and a dock click race.
  const openWindow = (): Promise<void> => (opening ??= createWindow().finally(() => (opening = null)));
  const createWindow = async () => {
    if (handlers === undefined || mainWindow !== null) return;
    const window = await createMainWindow({
      dataDir: app.getPath('userData'),
      preloadPath: path.join(appRoot, 'out', 'electron', 'preload.cjs'),
      log,
    });
    registerIpc({ window, appOrigin, handlers, events, drops, log });
    mainWindow = window;
    window.once('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    await window.loadURL(entryUrl).catch((error: unknown) => log.error('the window could not load the UI', error));
  };

  app
    .whenReady()
    .then(async () => {
      denyAllPermissions();
      if (devUrl === null) serveRenderer(path.join(appRoot, 'out', 'renderer'));
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({
            platform: process.platform,
            isDev: devUrl !== null,
            appName: app.name,
            openExternal: (url) => openExternalIfAllowed(url, log),
          }),
        ),
      );
      services = await startServices({
        host: 'electron',
        version: app.getVersion(),
        dataDir: app.getPath('userData'),
        events,
        capabilities: { nativeFolderPicker: true, dropPaths: true },
        integration: createDesktopIntegration({ drops, mainWindow: () => mainWindow, log }),
      });
      handlers = services.handlers;
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) void openWindow();
      });
      await openWindow();
    })
    .catch((error: unknown) => {
      log.error('Stevedore could not start', error);
      app.exit(1);
    });
}
