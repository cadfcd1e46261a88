import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { StandInEvent, type StandInApp } from './app';
import type { Journal, Labelled } from './journal';
import type { StandInProtocol } from './protocol';
import { strict } from './strict';
import { StandInWebContents } from './web-contents';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface WindowOptions extends Partial<Bounds> {
  webPreferences?: { preload?: string };
}

/** What windows share: the journal, the app (for window-all-closed) and the protocol that serves their pages. */
export interface WindowRuntime {
  journal: Journal;
  app: StandInApp;
  protocol: StandInProtocol;
  windows: Set<StandInBrowserWindow>;
}

let nextWindowId = 1;

/** Makes the `BrowserWindow` class of one stand-in module. */
export function browserWindowClass(runtime: WindowRuntime) {
  const { journal } = runtime;

  class StandInBrowserWindow extends EventEmitter implements Labelled {
    readonly id = nextWindowId++;
    readonly standInLabel = `BrowserWindow ${this.id}`;
    readonly webContents: StandInWebContents;
    private bounds: Bounds;
    private destroyed = false;
    private minimized = false;
    private maximized = false;
    private visible = false;
    private shown = false;

    static getAllWindows(): StandInBrowserWindow[] {
      return [...runtime.windows];
    }

    static getFocusedWindow(): StandInBrowserWindow | null {
      return [...runtime.windows][0] ?? null;
    }

    constructor(options: WindowOptions = {}) {
      super();
      const preload = options.webPreferences?.preload;
      journal.record('BrowserWindow.new', options, { preloadExists: typeof preload === 'string' && existsSync(preload), ready: runtime.app.ready });
      if (!runtime.app.ready) throw new Error('Cannot create BrowserWindow before app is ready');
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
      this.webContents = strict(new StandInWebContents(journal), 'webContents', journal);
      const self = strict(this, 'BrowserWindow', journal);
      runtime.windows.add(self);
      runtime.app.emit('web-contents-created', new StandInEvent(), this.webContents);
      runtime.app.emit('browser-window-created', new StandInEvent(), self);
      return self;
    }

    async loadURL(url: string): Promise<void> {
      journal.record('BrowserWindow#loadURL', url);
      const contents = this.webContents;
      contents.emit('did-start-loading');
      const response = await runtime.protocol.serve(url).catch(() => null);
      if (response === null || !response.ok) {
        contents.emit('did-fail-load', new StandInEvent(), -6, 'ERR_FILE_NOT_FOUND', url, true);
        journal.record('runtime.did-fail-load', url, response?.status ?? null);
        throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
      }
      await response.arrayBuffer();
      contents.url = url;
      contents.emit('did-navigate', new StandInEvent(), url, 200, 'OK');
      contents.emit('dom-ready');
      contents.emit('did-finish-load');
      journal.record('runtime.did-finish-load', url);
      if (!this.shown) {
        this.shown = true;
        this.emit('ready-to-show');
      }
    }

    show(): void {
      journal.record('BrowserWindow#show');
      this.visible = true;
    }

    hide(): void {
      journal.record('BrowserWindow#hide');
      this.visible = false;
    }

    isVisible(): boolean {
      return this.visible;
    }

    focus(): void {
      journal.record('BrowserWindow#focus');
    }

    isFocused(): boolean {
      return this.visible;
    }

    minimize(): void {
      journal.record('BrowserWindow#minimize');
      this.minimized = true;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    restore(): void {
      journal.record('BrowserWindow#restore');
      this.minimized = false;
    }

    maximize(): void {
      journal.record('BrowserWindow#maximize');
      this.maximized = true;
    }

    isMaximized(): boolean {
      return this.maximized;
    }

    getBounds(): Bounds {
      return { ...this.bounds };
    }

    getNormalBounds(): Bounds {
      return { ...this.bounds };
    }

    setBounds(bounds: Partial<Bounds>): void {
      journal.record('BrowserWindow#setBounds', bounds);
      this.bounds = { ...this.bounds, ...bounds };
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    /** As a user closing the window: `close` (cancellable), then `closed`. */
    close(): void {
      journal.record('BrowserWindow#close');
      if (this.destroyed) return;
      const event = new StandInEvent();
      this.emit('close', event);
      if (!event.defaultPrevented) this.destroy();
    }

    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      runtime.windows.delete(this);
      this.emit('closed');
      this.webContents.emit('destroyed');
      if (runtime.windows.size === 0 && !runtime.app.quitting) runtime.app.emit('window-all-closed');
    }
  }
  return StandInBrowserWindow;
}

export type StandInBrowserWindow = InstanceType<ReturnType<typeof browserWindowClass>>;
