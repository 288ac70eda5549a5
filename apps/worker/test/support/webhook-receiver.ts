import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver took, and whether the `standardwebhooks` package verified it. */
export interface ReceivedWebhook {
  id: string;
  body: string;
  verified: boolean;
}

/** How the receiver answers its n-th request (0-based): a status, or never (`hang`). */
export type ReceiverAnswer = { status: number; headers?: Record<string, string> } | 'hang';

/** A loopback HTTP receiver of webhooks, verifying each with the independent `standardwebhooks` package. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Set once the endpoint exists and its secret is known. */
  secret: string | undefined;
  /** How many verified requests came with each webhook-id. */
  countsById(): Map<string, number>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1; `answer` decides each reply (default 204). */
export async function startWebhookReceiver(
  answer: (index: number, id: string) => ReceiverAnswer = () => ({ status: 204 }),
): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    secret: undefined,
    countsById() {
      const counts = new Map<string, number>();
      for (const request of receiver.received) {
        if (request.verified) counts.set(request.id, (counts.get(request.id) ?? 0) + 1);
      }
      return counts;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
      let verified = false;
      try {
        if (receiver.secret !== undefined) {
          new Webhook(receiver.secret).verify(body, headers);
          verified = true;
        }
      } catch {
        verified = false;
      }
      const id = headers['webhook-id'] ?? '';
      const index = receiver.received.length;
      receiver.received.push({ id, body, verified });
      if (!verified) {
        res.writeHead(401).end();
        return;
      }
      const reply = answer(index, id);
      if (reply === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
