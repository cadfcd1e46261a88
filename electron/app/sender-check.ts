import { isSameOrigin } from './app-origin';

/** The parts of an IPC event the check reads; Electron's IpcMainInvokeEvent has them all. */
export interface SenderEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustedSender {
  /** The id of our window's webContents. */
  webContentsId: number;
  appOrigin: string;
}

/**
 * Whether an IPC message comes from our window's top frame showing our own UI: not an iframe,
 * not another window, not a page that navigated elsewhere, not a frame that is already gone.
 */
export function isTrustedSender(event: SenderEventLike, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  if (event.sender.id !== trusted.webContentsId) return false;
  if (frame.parent !== null) return false;
  return isSameOrigin(frame.url, trusted.appOrigin);
}
