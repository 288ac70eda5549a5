import { createServer, Socket, type Server } from 'node:net';

/** A TCP proxy in front of a test server, whose connections a test can break as a network would. */
export interface TcpProxy {
  /** `target` with the proxy's host and port. */
  url: string;
  /** Resets (RST) every client connection, as a dying host does. */
  resetAll(): void;
  /**
   * Goes silent, as a partition does: the data stops both ways on open connections and new
   * ones go unanswered; nothing is closed or reset.
   */
  freeze(): void;
  /** Lets the data through again (connections made while frozen are closed). */
  thaw(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
}

/** Starts a {@link TcpProxy} on loopback in front of `target` (a PostgreSQL URL). */
export async function startTcpProxy(target: string | URL): Promise<TcpProxy> {
  const upstreamUrl = new URL(target);
  const links = new Set<Link>();
  const unanswered = new Set<Socket>();
  let frozen = false;
  const join = ({ client, upstream }: Link) => client.pipe(upstream).pipe(client);
  const server: Server = createServer((client) => {
    if (frozen) {
      unanswered.add(client.on('error', () => client.destroy()));
      return;
    }
    const link = { client, upstream: new Socket() };
    link.upstream.connect(Number(upstreamUrl.port || 5432), upstreamUrl.hostname);
    join(link);
    links.add(link);
    const drop = (): void => {
      links.delete(link);
      client.destroy();
      link.upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    link.upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  const url = new URL(upstreamUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    resetAll() {
      for (const { client } of links) client.resetAndDestroy();
    },
    freeze() {
      frozen = true;
      for (const { client, upstream } of links) {
        client.unpipe(upstream).pause();
        upstream.unpipe(client).pause();
      }
    },
    thaw() {
      frozen = false;
      for (const socket of unanswered) socket.destroy();
      unanswered.clear();
      for (const link of links) join(link);
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of unanswered) socket.destroy();
        for (const { client, upstream } of links) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
