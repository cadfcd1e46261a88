import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../log/logger';
import { mainWindowOptions } from './window-options';
import { clampToDisplays } from './window-state';
import { loadWindowState, saveWindowState } from './window-state-store';

const SAVE_DELAY_MS = 500;

export interface MainWindowOptions {
  dataDir: string;
  preloadPath: string;
  log: Logger;
}

/** Creates the window where it was last (on a display that still exists) and remembers where it goes; the caller loads the UI. */
export async function createMainWindow({ dataDir, preloadPath, log }: MainWindowOptions): Promise<BrowserWindow> {
  const saved = await loadWindowState(dataDir);
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const bounds = clampToDisplays(saved?.bounds ?? null, workAreas);
  const window = new BrowserWindow(mainWindowOptions(bounds, preloadPath));
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    const state = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    saveWindowState(dataDir, state).catch((error: unknown) => log.warn(`could not save the window position: ${String(error)}`));
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
  return window;
}
