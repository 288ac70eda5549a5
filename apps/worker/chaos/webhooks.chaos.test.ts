import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSecretBox, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@org/db';
import { waitFor } from '@org/db/testing';
import { migrateControlPlane } from '@org/operations';
import { createWebhookEndpointStore, migrateWebhooks } from '@org/webhooks';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type SpawnedWorker } from '../test/support/spawn-worker.js';
import { seededRandom } from './support/prng.js';

// Webhooks under a hostile receiver: 200 operations' events (800 in all) to one endpoint
// that answers 500 for its first minute and then, now and then, holds a request past the
// workers' time limit (answering it later: the receiver has it, the worker retries it),
// while one of two workers is killed and restarted. Every event must arrive, verified,
// and a duplicate may only ever be the same event under the same webhook-id.
const seed = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const OPERATIONS = Number(process.env['CHAOS_WEBHOOK_OPERATIONS'] ?? 200);
const FAILING_MS = Number(process.env['CHAOS_WEBHOOK_FAILING_MS'] ?? 60_000);

let dataDir: string;
let server: EmbeddedPostgresServer;
let sql: postgres.Sql;
let secretKey: string;
const workers: SpawnedWorker[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chaos-webhooks-pg-'));
  server = await startEmbeddedPostgres({ dataDir, durable: false });
  secretKey = randomBytes(32).toString('base64');
  sql = postgres(server.url, { max: 8, onnotice: () => {} });
  await migrateControlPlane(sql);
  await migrateWebhooks(sql);
});
afterAll(async () => {
  for (const worker of workers)
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await sql?.end({ timeout: 5 });
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): SpawnedWorker {
  const worker = spawnWorker({
    databaseUrl: server.url,
    secretKey,
    authAdminUrl: 'http://127.0.0.1:9',
    shipped: true,
    env: {
      // The three days' schedule in about two minutes and a quarter: the failing minute is survived.
      WEBHOOK_RETRY_DELAY_SCALE: '0.0005',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_CONCURRENCY: '8',
      TENANT_POOL_SIZE: '0',
      TENANT_CLUSTER_HARDENING: 'off',
    },
  });
  workers.push(worker);
  return worker;
}

describe(`webhooks under a failing, slow receiver and a killed worker (seed ${seed})`, () => {
  it('delivers every event, verified, duplicates only under the same id', async () => {
    let secret = '';
    // The failing minute starts when the events do (set again once the workers are up).
    let started = Date.now();
    /** Requests answered 2xx, by webhook-id; and every request, by webhook-id. */
    const accepted = new Map<string, number>();
    const arrivals = new Map<string, Set<string>>();
    let unverified = 0;
    let requests = 0;
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests++;
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
        const id = headers['webhook-id'] ?? '';
        try {
          new Webhook(secret).verify(body, headers);
        } catch {
          unverified++;
          res.writeHead(401).end();
          return;
        }
        // Each id must always carry the same event.
        const bodies = arrivals.get(id) ?? new Set<string>();
        bodies.add((JSON.parse(body) as { type: string; timestamp: string }).timestamp + body.length);
        arrivals.set(id, bodies);
        if (Date.now() - started < FAILING_MS) {
          res.writeHead(500).end();
          return;
        }
        const accept = () => {
          accepted.set(id, (accepted.get(id) ?? 0) + 1);
          res.writeHead(204).end();
        };
        // Now and then the answer comes after the worker has given up (1 s): it retries.
        if (random() < 0.05) setTimeout(accept, 1500);
        else accept();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const store = createWebhookEndpointStore({
        sql,
        secrets: createSecretBox(Buffer.from(secretKey, 'base64')),
        enqueue: () => Promise.reject(new Error('no replays here')),
      });
      const organization = 'org-chaos';
      const created = await store.create(organization, {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      });
      secret = created.secret;
      const first = startWorker();
      const second = startWorker();
      await Promise.all([first.ready(120_000), second.ready(120_000)]);
      started = Date.now();

      // 200 operations, each with its project: created, queued, running, succeeded.
      for (let index = 0; index < OPERATIONS; index++) {
        const [project] = await sql<{ id: string }[]>`
          insert into control_plane.projects (name, region, owner_id, organization_id)
          values (${`p${index}`}, 'us-east-1', 'owner', ${organization}) returning id`;
        const operationId = crypto.randomUUID();
        await sql`insert into control_plane.operations (id, project_id, kind) values (${operationId}, ${project!.id}, 'provision')`;
        await sql`update control_plane.operations set status = 'running', started_at = now() where id = ${operationId}`;
        await sql`update control_plane.operations set status = 'succeeded', finished_at = now() where id = ${operationId}`;
        if (index === Math.floor(OPERATIONS / 2)) {
          // Midway, one worker dies with attempts in hand; a new one takes its place.
          first.child.kill('SIGKILL');
          await first.exited;
          await startWorker().ready(120_000);
        }
        if (index % 20 === 0) await sleep(100);
      }
      const events = await sql<{ id: string }[]>`
        select 'evt_' || id as id from control_plane.events where organization_id = ${organization} order by id`;
      expect(events).toHaveLength(OPERATIONS * 4);
      await waitFor(() => events.filter((event) => !accepted.has(event.id)).length, {
        what: 'every event accepted by the receiver',
        until: (missing) => missing === 0,
        timeoutMs: 600_000,
        intervalMs: 1000,
      });
      const deliveries = await waitFor(
        () => sql<{ status: string; n: number }[]>`
          select d.status, count(*)::int as n from control_plane.webhook_deliveries d
            join control_plane.webhook_endpoints e on e.id = d.endpoint_id
          where e.organization_id = ${organization} group by d.status`,
        {
          what: 'every delivery recorded as succeeded',
          until: (rows) => rows.length === 1 && rows[0]!.status === 'succeeded',
          timeoutMs: 120_000,
          intervalMs: 1000,
        },
      );
      expect(deliveries[0]!.n).toBe(OPERATIONS * 4);
      expect(unverified).toBe(0);
      // No id the feed does not have, and each id always the same event.
      const known = new Set(events.map((event) => event.id));
      expect([...arrivals.keys()].filter((id) => !known.has(id))).toEqual([]);
      expect([...arrivals.values()].filter((bodies) => bodies.size > 1)).toEqual([]);
      const duplicates = [...accepted.values()].filter((count) => count > 1).length;
      const endpoint = (await store.get(organization, created.endpoint.id))!;
      expect(endpoint).toMatchObject({ enabled: true, failingSince: null });
      console.log(
        `webhooks chaos (seed ${seed}): ${events.length} events, ${requests} requests, ` +
          `${duplicates} accepted more than once (same id), all delivered in ${Math.round((Date.now() - started) / 1000)} s`,
      );
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
