import { EventEmitter } from 'node:events';
import { StandInEvent } from './app';
import type { Journal, Labelled } from './journal';

interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
  referrer: { url: string; policy: string };
}

type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

let nextWebContentsId = 1;

/** `webContents`: navigation and window-open hooks, messages to the page, the page's URL. */
export class StandInWebContents extends EventEmitter implements Labelled {
  readonly id = nextWebContentsId++;
  readonly standInLabel = `webContents ${this.id}`;
  url = '';
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;

  constructor(private readonly journal: Journal) {
    super();
  }

  get mainFrame(): { url: string; parent: null } {
    return { url: this.url, parent: null };
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isLoading(): boolean {
    return false;
  }

  send(channel: string, ...args: unknown[]): void {
    this.journal.record('webContents#send', channel, ...args);
    if (this.destroyed) throw new Error('Object has been destroyed');
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.journal.record('webContents#setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }

  /** Refuses what Electron refuses: no file, or (as on macOS) an empty icon. */
  startDrag(item: { file?: unknown; files?: unknown; icon?: unknown }): void {
    this.journal.record('webContents#startDrag', item);
    if (typeof item.file !== 'string' && !Array.isArray(item.files)) throw new Error("Must specify either 'file' or 'files' option");
    const icon = item.icon as { isEmpty?: () => boolean } | string | undefined;
    if (icon === undefined || (typeof icon === 'object' && icon.isEmpty?.() !== false)) throw new Error("Must specify non-empty 'icon' option");
  }

  /** The runtime's side: the page navigates (a link, `location = …`); true when the app stopped it. */
  navigate(url: string, event = 'will-navigate'): boolean {
    const cancellable = new StandInEvent();
    this.emit(event, cancellable, url);
    return cancellable.defaultPrevented;
  }

  /** The runtime's side: `window.open(url)`; Electron allows it when no handler is set. */
  openWindow(url: string): 'allow' | 'deny' {
    if (this.windowOpenHandler === null) return 'allow';
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.url, policy: 'strict-origin-when-cross-origin' } }).action;
  }

  /** The runtime's side: a `<webview>` in the page; true when the app stopped it. */
  attachWebview(): boolean {
    const cancellable = new StandInEvent();
    this.emit('will-attach-webview', cancellable, {}, { src: 'https://example.com/' });
    return cancellable.defaultPrevented;
  }
}
