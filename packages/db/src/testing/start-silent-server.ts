import { createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP server on loopback that accepts connections and never answers: a hung database host. */
export interface SilentServer {
  /** `postgres://` URL pointing at it. */
  url: string;
  close(): void;
}

/** Starts a {@link SilentServer}, for tests of time limits on a path that must not hang. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://nobody:secret@127.0.0.1:${port}/none`,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
