import type { Bridge, CallInput, CallName, CallOutput, DroppedFileLike, Envelope, EventName, EventPayload } from '../../shared/contract';
import type { EventMessage } from './channels';

/** What the bridge needs from Electron; preload.ts supplies ipcRenderer and webUtils behind it. */
export interface BridgeTransport {
  invoke(name: string, input: unknown): Promise<unknown>;
  /** Starts delivering main's events; called once. */
  subscribe(listener: (message: EventMessage) => void): void;
  pathForFile(file: DroppedFileLike): string;
}

const MAX_EVENT_NAME = 200;

/**
 * The `window.stevedore` object: named functions only. Main's envelope passes through as-is; a
 * failure of IPC itself (main refused the sender, the window is closing) becomes an error envelope.
 */
export function createBridge(transport: BridgeTransport): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.subscribe((message) => {
    if (typeof message !== 'object' || message === null || typeof message.name !== 'string') return;
    for (const listener of [...(listeners.get(message.name) ?? [])]) {
      try {
        listener(message.payload);
      } catch (error) {
        console.error(`A listener for ${message.name} failed`, error);
      }
    }
  });

  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>> {
      try {
        return (await transport.invoke(name, input)) as Envelope<CallOutput<N>>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `Stevedore could not reach its main process for ${String(name).slice(0, 80)}; restart the app.` } };
      }
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (typeof name !== 'string' || name.length > MAX_EVENT_NAME || typeof listener !== 'function') {
        throw new TypeError('stevedore.on needs an event name and a listener function.');
      }
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = (payload: unknown) => listener(payload as EventPayload<E>);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
        if (set.size === 0) listeners.delete(name);
      };
    },
    pathForFile(file: DroppedFileLike): string {
      return transport.pathForFile(file);
    },
  };
}
