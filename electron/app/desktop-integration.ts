import path from 'node:path';
import { dialog, nativeImage, Notification, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { ContractError } from '../../shared/contract';
import type { Logger } from '../log/logger';
import type { HostIntegration } from '../services/host-integration';
import { DRAG_ICON_DATA_URL } from './drag-icon';
import { draggablePaths } from './drag-paths';
import { takeDroppedPaths, type DropAllowList } from './dropped-paths';

const MAX_PICKED_PATHS = 10_000;
const MAX_PATH_LENGTH = 4096;
const MAX_NOTIFICATION_TITLE = 120;
const MAX_NOTIFICATION_BODY = 500;

export interface DesktopIntegrationOptions {
  /** The paths the preload saw dropped (electron/host/ipc.ts fills it). */
  drops: DropAllowList;
  /** The main window, when there is one: dialogs are modal to it. */
  mainWindow: () => BrowserWindow | null;
  log: Logger;
}

export type DesktopIntegration = Required<Omit<HostIntegration, 'staged'>>;

/** What only the desktop app can do for the services: drops, native pickers, OS notifications, the file manager. */
export function createDesktopIntegration({ drops, mainWindow, log }: DesktopIntegrationOptions): DesktopIntegration {
  const showOpen = async (options: OpenDialogOptions): Promise<string[]> => {
    const parent = mainWindow();
    const result = parent !== null && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    if (result.canceled) return [];
    return plainAbsolutePaths(result.filePaths);
  };

  return {
    takeDropped: (paths) => takeDroppedPaths(drops, paths),
    pickPaths: (mode) =>
      showOpen(
        mode === 'folder'
          ? { title: 'Choose a folder to publish', properties: ['openDirectory'] }
          : { title: 'Choose files to publish', properties: ['openFile', 'multiSelections'] },
      ),
    pickFolder: async () => (await showOpen({ title: 'Choose where to download', properties: ['openDirectory', 'createDirectory'] }))[0] ?? null,
    pickLayout: async (what) =>
      (
        await showOpen(
          what === 'folder'
            ? { title: 'Open an OCI layout folder', properties: ['openDirectory'] }
            : { title: 'Open an oci-archive', properties: ['openFile'], filters: [{ name: 'OCI archive', extensions: ['tar'] }, { name: 'All files', extensions: ['*'] }] },
        )
      )[0] ?? null,
    pickExportTarget: async (format, suggested) => {
      if (format === 'folder') {
        return (await showOpen({ title: 'Choose the folder to export to', properties: ['openDirectory', 'createDirectory'], ...(suggested ? { defaultPath: suggested } : {}) }))[0] ?? null;
      }
      const parent = mainWindow();
      const options = { title: 'Export as an OCI archive', filters: [{ name: 'OCI archive', extensions: ['tar'] }], ...(suggested ? { defaultPath: suggested } : {}) };
      const result = parent !== null && !parent.isDestroyed() ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return !result.canceled && isPlainAbsolutePath(result.filePath) ? result.filePath : null;
    },
    notify: (title, body) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: title.slice(0, MAX_NOTIFICATION_TITLE), body: body.slice(0, MAX_NOTIFICATION_BODY) });
      notification.on('failed', (_event, error) => log.warn(`could not show a notification: ${error}`));
      notification.show();
    },
    openFolder: async (folder) => {
      if (!isPlainAbsolutePath(folder)) throw new ContractError('invalid-input', 'Only a full folder path can be opened.');
      const error = await shell.openPath(folder);
      if (error !== '') {
        throw new ContractError('internal', `The file manager could not open ${path.basename(folder) || folder}: ${error.slice(0, 200)}`);
      }
    },
    startDrag: (paths, folder) => {
      const window = mainWindow();
      if (window === null || window.isDestroyed() || window.webContents.isDestroyed()) {
        throw new ContractError('invalid-input', 'There is no window to drag from: open Stevedore’s window and drag the files from the download’s summary.');
      }
      const files = draggablePaths(paths, folder);
      window.webContents.startDrag({ file: files[0], files, icon: nativeImage.createFromDataURL(DRAG_ICON_DATA_URL) });
    },
  };
}

/** The OS dialog's answer, kept to what a path can be: absolute, bounded. */
function plainAbsolutePaths(paths: readonly string[]): string[] {
  return paths.slice(0, MAX_PICKED_PATHS).filter(isPlainAbsolutePath);
}

function isPlainAbsolutePath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PATH_LENGTH && !value.includes('\0') && path.isAbsolute(value);
}
