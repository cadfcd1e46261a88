import type { Bridge, CallInput, CallName, CallOutput, Envelope, EventName, EventPayload } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract/errors';

interface Pending {
  resolve(envelope: Envelope<never>): void;
  reject(error: Error): void;
}

const CONNECT_WAIT_MS = 15_000;
const MAX_RETRY_MS = 5_000;

/** The web host's side of the contract: one WebSocket, reconnecting, same shape as the Electron preload. */
export class WebSocketBridge implements Bridge {
  private socket: WebSocket | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private readonly openWaiters = new Set<() => void>();
  private nextId = 1;
  private retryMs = 250;
  private everOpened = false;

  constructor(
    private readonly url: string,
    private readonly onReconnect: () => void = () => undefined,
    /** The browser's WebSocket; tests under Node pass the `ws` package's, which has the same shape. */
    private readonly Socket: typeof WebSocket = WebSocket,
  ) {
    this.connect();
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>> {
    const socket = await this.whenOpen();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, name, input }));
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  private connect(): void {
    const socket = new this.Socket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = 250;
      for (const wake of this.openWaiters) wake();
      this.openWaiters.clear();
      if (this.everOpened) this.onReconnect();
      this.everOpened = true;
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      const lost = new ContractError('network', 'Lost the connection to Stevedore; reconnecting. Try again in a moment.');
      for (const call of this.pending.values()) call.reject(lost);
      this.pending.clear();
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    });
  }

  private whenOpen(): Promise<WebSocket> {
    const socket = this.socket;
    if (socket?.readyState === this.Socket.OPEN) return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.openWaiters.delete(wake);
        reject(new ContractError('network', 'Cannot reach Stevedore: is it still running? Restart it and open the address it prints.'));
      }, CONNECT_WAIT_MS);
      const wake = () => {
        clearTimeout(timer);
        if (this.socket) resolve(this.socket);
      };
      this.openWaiters.add(wake);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { id?: unknown; envelope?: Envelope<never>; event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    if (typeof message.event === 'string') {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload as never);
      return;
    }
    if (typeof message.id === 'number' && message.envelope) {
      this.pending.get(message.id)?.resolve(message.envelope);
      this.pending.delete(message.id);
    }
  }
}
