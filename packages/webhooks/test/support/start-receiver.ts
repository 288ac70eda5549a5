import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver took, with which of its secrets verified it. */
export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  signatures: string[];
  body: string;
  /** Indexes (into the receiver's secrets) of the secrets whose signature verified. */
  verifiedWith: number[];
  /** The local address the request arrived at. */
  localAddress: string;
}

/** How the receiver answers its n-th request (0-based): a status, headers, or never (`hang`). */
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/** An HTTP receiver on loopback that verifies every request with the `standardwebhooks` package. */
export interface Receiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Every request that verified, by webhook-id: how many times each arrived. */
  countsById(): Map<string, number>;
  /** Each webhook id once (the first arrival), in arrival order. */
  uniqueIds(): string[];
  secrets: string[];
  close(): Promise<void>;
}

/**
 * Starts a receiver on `host` (default 127.0.0.1); `answer` decides each reply (default 204).
 * A request no secret verifies is answered 401 and still recorded (verifiedWith empty).
 */
export async function startReceiver(
  options: { host?: string; port?: number; secrets?: string[]; answer?: (index: number, id: string) => Answer } = {},
): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const secrets = options.secrets ?? [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
      const verifiedWith = secrets.flatMap((secret, index) => {
        try {
          new Webhook(secret).verify(body, headers);
          return [index];
        } catch {
          return [];
        }
      });
      const id = headers['webhook-id'] ?? '';
      const index = received.length;
      received.push({
        id,
        timestamp: Number(headers['webhook-timestamp']),
        signatures: (headers['webhook-signature'] ?? '').split(' '),
        body,
        verifiedWith,
        localAddress: req.socket.localAddress ?? '',
      });
      if (secrets.length > 0 && verifiedWith.length === 0) {
        res.writeHead(401).end();
        return;
      }
      const answer = options.answer?.(index, id) ?? { status: 204 };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/hook`,
    port,
    received,
    secrets,
    countsById() {
      const counts = new Map<string, number>();
      for (const request of received) {
        if (request.verifiedWith.length > 0) counts.set(request.id, (counts.get(request.id) ?? 0) + 1);
      }
      return counts;
    },
    uniqueIds() {
      return [...new Set(received.map((request) => request.id))];
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
