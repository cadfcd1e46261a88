import type { Bridge, CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract/errors';
import { WebSocketBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    stevedore?: Bridge;
  }
}

const reconnectListeners = new Set<() => void>();
let bridge: Bridge | undefined;

function currentBridge(): Bridge {
  if (!bridge) {
    const socketUrl = new URL('api/ws', window.location.href);
    socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    socketUrl.search = '';
    bridge = window.stevedore ?? new WebSocketBridge(socketUrl.href, () => reconnectListeners.forEach((listener) => listener()));
  }
  return bridge;
}

/** The only way components reach the main process: returns the value or throws a ContractError. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await currentBridge().call(name, input);
  if (envelope.ok) return envelope.value;
  throw new ContractError(envelope.error.code, envelope.error.message);
}

export function on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return currentBridge().on(name, listener);
}

/** Web mode only: after a dropped connection comes back, state should reload. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Electron: the OS path of a dropped or picked file (the preload asks the host). Web mode: none, files are uploaded. */
export function pathForFile(file: File): string | undefined {
  const path = window.stevedore?.pathForFile?.(file);
  return path ? path : undefined;
}

export function messageOf(error: unknown): string {
  if (error instanceof ContractError) return error.message;
  return 'Something went wrong; the log has the details.';
}
