import { AssertionError } from 'node:assert';
import type { Socket } from 'node:net';
import { errors, type buildConnector } from 'undici';

/**
 * undici 7 (up to 7.30.2) crashes the whole process with an uncatchable `assert(!this.paused)`
 * when a server closes the connection cleanly (FIN, `Connection: close`) while a response body is
 * paused by backpressure, i.e. while we are still writing earlier bytes to disk
 * (nodejs/undici#5360). The fix is in undici 8, which needs Node ≥ 22 (zlib zstd at load time).
 *
 * The assertion is thrown by undici's 'end' listener on the socket, and undici creates its
 * sockets through the connector we give it: wrapping that socket's `emit('end')` puts our frame
 * under the throw. We turn exactly that assertion into a socket error, which undici reports the
 * ordinary way: the response body fails with a catchable SocketError (downloads resume with
 * Range). Any other error is rethrown untouched.
 */
export function guardPausedEnd(connector: buildConnector.connector): buildConnector.connector {
  return (options, callback) => {
    connector(options, (...args) => {
      const socket = args[1];
      if (socket) guardSocket(socket);
      callback(...args);
    });
  };
}

const guarded = new WeakSet<Socket>();

function guardSocket(socket: Socket): void {
  if (guarded.has(socket)) return;
  guarded.add(socket);
  const emit = socket.emit as (this: Socket, event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = function guardedEmit(this: Socket, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'end') return emit.call(this, event, ...args);
    try {
      return emit.call(this, event, ...args);
    } catch (error) {
      if (!isPausedParserAssertion(error)) throw error;
      this.destroy(new errors.SocketError('the server closed the connection while the response was still being read'));
      return true;
    }
  } as Socket['emit'];
}

export function isPausedParserAssertion(error: unknown): boolean {
  return error instanceof AssertionError && error.message.includes('!this.paused');
}
