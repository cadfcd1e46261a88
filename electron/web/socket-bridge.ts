import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Envelope, EventName, EventPayload, EventSink, Handlers } from '../../shared/contract';
import { dispatch } from '../host/dispatch';
import type { Logger } from '../log/logger';

export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MAX_IN_FLIGHT_PER_SOCKET = 32;

type MessageId = string | number;

/** Carries contract calls and events over WebSockets: `{id, name, input}` → `{id, envelope}`, `{event, payload}`. */
export class SocketBridge implements EventSink {
  readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  private handlers: Handlers | undefined;

  constructor(private readonly log: Logger) {
    this.server.on('connection', (socket) => this.attach(socket));
  }

  /** Services need the sink before handlers exist, so handlers arrive later. */
  setHandlers(handlers: Handlers): void {
    this.handlers = handlers;
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const text = JSON.stringify({ event: name, payload });
    for (const client of this.server.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(text);
    }
  }

  close(): void {
    for (const client of this.server.clients) client.close(1001, 'Stevedore is shutting down.');
    this.server.close();
  }

  private attach(socket: WebSocket): void {
    const inFlight = new Set<AbortController>();
    socket.on('message', (data, isBinary) => void this.receive(socket, data, isBinary, inFlight));
    socket.on('close', () => {
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
    });
    socket.on('error', (error) => this.log.warn(`WebSocket error: ${error.message}`));
  }

  private async receive(socket: WebSocket, data: RawData, isBinary: boolean, inFlight: Set<AbortController>): Promise<void> {
    const message = isBinary ? undefined : parse(data);
    if (!message) {
      reply(socket, null, invalid('A message must be a JSON object {id, name, input}.'));
      return;
    }
    const { id, name, input } = message;
    if (inFlight.size >= MAX_IN_FLIGHT_PER_SOCKET) {
      reply(socket, id, { ok: false, error: { code: 'rate-limited', message: `At most ${MAX_IN_FLIGHT_PER_SOCKET} calls at once; wait for some to finish.` } });
      return;
    }
    if (!this.handlers) {
      reply(socket, id, { ok: false, error: { code: 'internal', message: 'Stevedore is still starting; try again in a moment.' } });
      return;
    }
    const controller = new AbortController();
    inFlight.add(controller);
    try {
      reply(socket, id, await dispatch(this.handlers, name, input, { signal: controller.signal }, this.log));
    } finally {
      inFlight.delete(controller);
    }
  }
}

function parse(data: RawData): { id: MessageId; name: unknown; input: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { id, name, input } = value as Record<string, unknown>;
  const validId = (typeof id === 'string' && id.length > 0 && id.length <= 64) || (typeof id === 'number' && Number.isSafeInteger(id));
  if (!validId) return undefined;
  return { id, name, input };
}

function invalid(message: string): Envelope<never> {
  return { ok: false, error: { code: 'invalid-input', message } };
}

function reply(socket: WebSocket, id: MessageId | null, envelope: Envelope<unknown>): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, envelope }));
}
