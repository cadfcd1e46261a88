import { EventEmitter } from 'node:events';
import type { Journal, Labelled } from './journal';
import type { StandInOptions } from './options';

const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1080 };

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

/** `session.defaultSession`'s permission hooks; the runtime asks them as a page would. */
export class StandInSession {
  private requestHandler: PermissionRequestHandler | null = null;
  private checkHandler: PermissionCheckHandler | null = null;

  constructor(private readonly journal: Journal) {}

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.journal.record('session.setPermissionRequestHandler', handler);
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.journal.record('session.setPermissionCheckHandler', handler);
    this.checkHandler = handler;
  }

  /** The runtime's side: what a page asking for `permission` gets. Electron grants it when no handler is set. */
  request(permission: string, contents: unknown): Promise<boolean> {
    const handler = this.requestHandler;
    if (handler === null) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: 'app://stevedore/index.html' }));
  }

  check(permission: string, contents: unknown): boolean {
    return this.checkHandler === null ? true : this.checkHandler(contents, permission, 'app://stevedore', {});
  }
}

export function createDialog(journal: Journal, options: StandInOptions) {
  return {
    showOpenDialog(windowOrOptions: unknown, maybeOptions?: unknown): Promise<{ canceled: boolean; filePaths: string[] }> {
      const parent = maybeOptions === undefined ? null : windowOrOptions;
      journal.record('dialog.showOpenDialog', parent, maybeOptions ?? windowOrOptions);
      return Promise.resolve(options.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] });
    },
    showMessageBox(windowOrOptions: unknown, maybeOptions?: unknown): Promise<{ response: number; checkboxChecked: boolean }> {
      journal.record('dialog.showMessageBox', maybeOptions ?? windowOrOptions);
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
    showErrorBox(title: string, content: string): void {
      journal.record('dialog.showErrorBox', title, content);
    },
  };
}

export function createShell(journal: Journal, options: StandInOptions) {
  return {
    openExternal(url: string): Promise<void> {
      journal.record('shell.openExternal', url);
      return Promise.resolve();
    },
    openPath(path: string): Promise<string> {
      journal.record('shell.openPath', path);
      return Promise.resolve(options.openPathAnswers.shift() ?? '');
    },
    showItemInFolder(path: string): void {
      journal.record('shell.showItemInFolder', path);
    },
  };
}

export function notificationClass(journal: Journal, options: StandInOptions) {
  return class StandInNotification extends EventEmitter implements Labelled {
    readonly standInLabel = 'Notification';

    static isSupported(): boolean {
      journal.record('Notification.isSupported');
      return options.notificationsSupported;
    }

    constructor(readonly options: { title?: string; body?: string } = {}) {
      super();
      journal.record('Notification.new', options);
    }

    show(): void {
      journal.record('Notification#show', { title: this.options.title, body: this.options.body });
      this.emit('show', {});
    }

    close(): void {
      journal.record('Notification#close');
    }
  };
}

/** `nativeImage`: PNG data URLs only, read as far as the header (size), so a journal shows which picture. */
export function createNativeImage(journal: Journal) {
  const image = (width: number, height: number): Labelled & { isEmpty(): boolean; getSize(): { width: number; height: number } } => ({
    standInLabel: width === 0 ? 'NativeImage empty' : `NativeImage ${width}x${height}`,
    isEmpty: () => width === 0,
    getSize: () => ({ width, height }),
  });
  return {
    createFromDataURL(url: string) {
      journal.record('nativeImage.createFromDataURL', url.slice(0, 40));
      const png = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(url);
      const bytes = png ? Buffer.from(png[1] ?? '', 'base64') : Buffer.alloc(0);
      const isPng = bytes.length >= 24 && bytes.subarray(1, 4).toString('ascii') === 'PNG' && bytes.subarray(12, 16).toString('ascii') === 'IHDR';
      return isPng ? image(bytes.readUInt32BE(16), bytes.readUInt32BE(20)) : image(0, 0);
    },
    createEmpty() {
      journal.record('nativeImage.createEmpty');
      return image(0, 0);
    },
  };
}

export function createMenu(journal: Journal) {
  return {
    buildFromTemplate(template: unknown[]): { items: unknown[] } {
      journal.record('Menu.buildFromTemplate', template);
      return { items: template };
    },
    setApplicationMenu(menu: unknown): void {
      journal.record('Menu.setApplicationMenu', menu === null ? null : '[menu]');
    },
  };
}

export function createScreen(journal: Journal) {
  const display = { id: 1, bounds: WORK_AREA, workArea: WORK_AREA, scaleFactor: 1 };
  return {
    getPrimaryDisplay() {
      journal.record('screen.getPrimaryDisplay');
      return display;
    },
    getAllDisplays() {
      journal.record('screen.getAllDisplays');
      return [display];
    },
  };
}

/** No OS keychain behind it: the app must not rely on safeStorage (it uses keytar or session-only logins). */
export function createSafeStorage(journal: Journal) {
  return {
    isEncryptionAvailable(): boolean {
      journal.record('safeStorage.isEncryptionAvailable');
      return false;
    },
    encryptString(): never {
      journal.record('safeStorage.encryptString');
      throw new Error('Encryption is not available.');
    },
    decryptString(): never {
      journal.record('safeStorage.decryptString');
      throw new Error('Decryption is not available.');
    },
  };
}
