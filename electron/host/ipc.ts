import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { Handlers } from '../../shared/contract';
import type { DropAllowList } from '../app/dropped-paths';
import type { QueuedEventSink } from '../app/event-queue';
import { isTrustedSender } from '../app/sender-check';
import type { Logger } from '../log/logger';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL } from '../preload/channels';
import { dispatch } from './dispatch';

export interface IpcHostOptions {
  window: BrowserWindow;
  appOrigin: string;
  handlers: Handlers;
  events: QueuedEventSink;
  drops: DropAllowList;
  log: Logger;
}

/**
 * The Electron host adapter, and the only module that touches ipcMain: one invoke channel for every
 * contract call, one message for drops, events out to the window once it has loaded. Every
 * message is checked against the window's top frame and origin first. Returns an undo.
 */
export function registerIpc({ window, appOrigin, handlers, events, drops, log }: IpcHostOptions): () => void {
  const contents = window.webContents;
  const trusted = { webContentsId: contents.id, appOrigin };
  const closing = new AbortController();

  const onCall = async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, trusted)) {
      log.warn(`refused call ${JSON.stringify(String(name).slice(0, 80))} from ${describeSender(event)}`);
      return { ok: false, error: { code: 'denied', message: 'This page may not call Stevedore.' } };
    }
    return dispatch(handlers, name, input, { signal: closing.signal }, log);
  };
  const onDropped = (event: IpcMainEvent, paths: unknown) => {
    if (!isTrustedSender(event, trusted)) {
      log.warn(`refused dropped paths from ${describeSender(event)}`);
      return;
    }
    drops.register(paths);
  };

  const send = (message: { name: string; payload: unknown }) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, message);
  };
  const onLoaded = () => events.open(send);
  const onLoading = () => events.pause();

  ipcMain.handle(CALL_CHANNEL, onCall);
  ipcMain.on(DROPPED_CHANNEL, onDropped);
  contents.on('did-finish-load', onLoaded);
  contents.on('did-start-loading', onLoading);

  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    closing.abort(new DOMException('The window closed.', 'AbortError'));
    events.pause();
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeListener(DROPPED_CHANNEL, onDropped);
    if (!contents.isDestroyed()) {
      contents.removeListener('did-finish-load', onLoaded);
      contents.removeListener('did-start-loading', onLoading);
    }
  };
  window.once('closed', dispose);
  return dispose;
}

function describeSender(event: IpcMainEvent | IpcMainInvokeEvent): string {
  const url = event.senderFrame?.url ?? 'a frame that is gone';
  // Only the origin: a URL may carry a query worth keeping out of logs.
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unknown frame';
  }
}
