import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Journal } from './journal';
import type { StandInOptions } from './options';

/** A cancellable Electron event, as `app` and `webContents` listeners receive it. */
export class StandInEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/**
 * `app`: lifecycle (ready, quit, exit), the single-instance lock, paths. Quitting plays Electron's
 * order (before-quit, windows close, will-quit, quit) but never ends the process: the child must
 * end on its own once the app let go of everything.
 */
export class StandInApp extends EventEmitter {
  readonly name = 'Stevedore';
  readonly isPackaged = false;
  ready = false;
  quitting = false;
  exitCode: number | null = null;
  /** Closes every window for a quit; set by the stand-in module once windows exist. */
  closeAllWindows: () => void = () => {};
  private readonly readyWaiters: Array<() => void> = [];

  constructor(
    private readonly journal: Journal,
    private readonly options: StandInOptions,
  ) {
    super();
  }

  requestSingleInstanceLock(): boolean {
    this.journal.record('app.requestSingleInstanceLock');
    return this.options.singleInstanceLock;
  }

  enableSandbox(): void {
    this.journal.record('app.enableSandbox', { ready: this.ready });
  }

  whenReady(): Promise<void> {
    this.journal.record('app.whenReady');
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  isReady(): boolean {
    return this.ready;
  }

  getAppPath(): string {
    this.journal.record('app.getAppPath');
    return this.options.appPath;
  }

  getPath(name: string): string {
    this.journal.record('app.getPath', name);
    const home = this.options.home;
    const paths: Record<string, string> = {
      home,
      userData: this.options.userData,
      appData: join(home, '.config'),
      sessionData: this.options.userData,
      temp: tmpdir(),
      downloads: join(home, 'Downloads'),
      documents: join(home, 'Documents'),
      desktop: join(home, 'Desktop'),
      logs: join(this.options.userData, 'logs'),
    };
    const path = paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  getVersion(): string {
    this.journal.record('app.getVersion');
    return this.options.version;
  }

  quit(): void {
    this.journal.record('app.quit', { ready: this.ready });
    if (this.quitting) return;
    const beforeQuit = new StandInEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    this.closeAllWindows();
    const willQuit = new StandInEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', new StandInEvent(), 0);
  }

  exit(code = 0): void {
    this.journal.record('app.exit', code);
    this.exitCode = code;
    this.quitting = true;
  }

  /** The runtime's side: Electron has initialised. */
  becomeReady(): void {
    this.ready = true;
    this.journal.record('runtime.ready');
    this.emit('ready', new StandInEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
