import { connect, type Socket } from 'node:net';
import type postgres from 'postgres';

/**
 * A postgres.js `socket` factory that keeps each connection's socket by its local port, so
 * one connection can be cut loose at once ({@link sever}). postgres.js cancels a query that
 * outlives its time by asking the server; a server cut off never answers, and the query's
 * connection then waits on TCP's retransmissions (up to 15 minutes: Node cannot set
 * `TCP_USER_TIMEOUT`). A project's holder that gave its lock's session up severs it, so the
 * writes waiting on it fail now and the pool makes a new connection.
 */
export class SeverableSockets {
  private readonly byPort = new Map<number, Socket>();

  /** The factory, for postgres.js's `socket` option (TLS is negotiated by postgres.js on it). */
  readonly open = (
    options: { path?: string | false | undefined },
    host: string,
    port: number,
  ): Promise<postgres.SocketLike> =>
    new Promise((resolve, reject) => {
      const socket = options.path ? connect({ path: options.path }) : connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        const local = socket.localPort;
        if (local !== undefined) {
          this.byPort.set(local, socket);
          socket.once('close', () => {
            if (this.byPort.get(local) === socket) this.byPort.delete(local);
          });
        }
        // A net.Socket is one; its overloads are wider than postgres.js's type says.
        resolve(socket as unknown as postgres.SocketLike);
      });
    });

  /** Destroys the socket whose local port is `port` (as the server saw it: `inet_client_port()`). */
  sever(port: number | null): void {
    if (port !== null) this.byPort.get(port)?.destroy(new Error('severed: its session stopped answering'));
  }
}
