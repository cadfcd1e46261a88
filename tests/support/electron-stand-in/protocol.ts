import type { StandInApp } from './app';
import type { Journal } from './journal';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/** `protocol`: privileged schemes (before ready only) and `handle` (after ready only), as Electron enforces. */
export class StandInProtocol {
  private readonly handlers = new Map<string, ProtocolHandler>();

  constructor(
    private readonly journal: Journal,
    private readonly app: StandInApp,
  ) {}

  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.journal.record('protocol.registerSchemesAsPrivileged', schemes, { ready: this.app.ready });
    if (this.app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    this.journal.record('protocol.handle', scheme, { ready: this.app.ready });
    if (!this.app.ready) throw new Error('protocol.handle can only be used after the app is ready.');
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled.`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.journal.record('protocol.unhandle', scheme);
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** The runtime's side: a request the page makes; null when no handler owns the scheme. */
  async serve(url: string, method = 'GET'): Promise<Response | null> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (handler === undefined) return null;
    return handler(new Request(url, { method }));
  }
}
