import { EventEmitter } from 'node:events';
import type { Journal } from './journal';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => void;

/** `ipcMain`: invoke handlers (one per channel, as Electron insists) and message listeners. */
export class StandInIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, InvokeHandler>();

  constructor(private readonly journal: Journal) {
    super();
  }

  handle(channel: string, handler: InvokeHandler): void {
    this.journal.record('ipcMain.handle', channel);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.journal.record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }

  override on(channel: string, listener: Listener): this {
    this.journal.record('ipcMain.on', channel);
    return super.on(channel, listener);
  }

  override removeListener(channel: string, listener: Listener): this {
    this.journal.record('ipcMain.removeListener', channel);
    return super.removeListener(channel, listener);
  }

  handledChannels(): string[] {
    return [...this.handlers.keys()];
  }

  /** The runtime's side: `ipcRenderer.invoke` from a page; rejects like Electron when nothing handles the channel. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }

  /** The runtime's side: `ipcRenderer.send` from a page. */
  deliver(channel: string, event: unknown, ...args: unknown[]): boolean {
    return this.emit(channel, event, ...args);
  }
}
