import type { EventName, EventPayload, EventSink } from '../../shared/contract';
import type { EventMessage } from '../preload/channels';

export const MAX_QUEUED_EVENTS = 1000;

export interface QueuedEventSink extends EventSink {
  /** The renderer has loaded: send everything queued, then send as events come. */
  open(send: (message: EventMessage) => void): void;
  /** The renderer is (re)loading or gone: queue again. */
  pause(): void;
  readonly queued: number;
}

/**
 * The EventSink the services get. Events emitted before the renderer can listen (start-up, a
 * reload) wait in a bounded queue; when it is full the oldest go, since newer state supersedes them.
 */
export function createQueuedEventSink(onDrop: (dropped: number) => void = () => {}, limit = MAX_QUEUED_EVENTS): QueuedEventSink {
  let queue: EventMessage[] = [];
  let send: ((message: EventMessage) => void) | null = null;
  let dropped = 0;
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      const message = { name, payload };
      if (send !== null) {
        send(message);
        return;
      }
      queue.push(message);
      if (queue.length > limit) {
        queue.shift();
        dropped++;
      }
    },
    open(target) {
      const pending = queue;
      queue = [];
      if (dropped > 0) onDrop(dropped);
      dropped = 0;
      for (const message of pending) target(message);
      send = target;
    },
    pause() {
      send = null;
    },
    get queued() {
      return queue.length;
    },
  };
}
