import { createSecretBox } from '@org/db';
import { createTestDatabase, testSecretKey, waitFor, type TestDatabase } from '@org/db/testing';
import { openBoss } from '@org/operations';
import { createWebhookEndpointStore, enqueueWith } from '@org/webhooks';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type SpawnedWorker } from './support/spawn-worker.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

let database: TestDatabase;
let sql: postgres.Sql;
const workers: SpawnedWorker[] = [];

beforeAll(async () => {
  database = await createTestDatabase('worker_webhooks');
  sql = postgres(database.url, { max: 4, onnotice: () => {} });
});
afterAll(async () => {
  for (const worker of workers)
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await sql.end();
  await database.drop();
});

function startWorker(): SpawnedWorker {
  const worker = spawnWorker({
    databaseUrl: database.url,
    secretKey: testSecretKey(),
    authAdminUrl: 'http://127.0.0.1:9',
    shipped: true,
    env: { WEBHOOK_RETRY_DELAY_SCALE: '0.0001', TENANT_POOL_SIZE: '0' },
  });
  workers.push(worker);
  return worker;
}

describe('webhooks in the worker', () => {
  it(
    'a worker killed in the middle of a delivery: another delivers it, with the same webhook-id',
    { timeout: 180_000 },
    async () => {
      const victim = startWorker();
      await victim.ready(60_000);
      // The first request is never answered: the worker is killed while it waits.
      const receiver = await startWebhookReceiver((index) => (index === 0 ? 'hang' : { status: 204 }));
      const { boss, sql: bossSql } = openBoss(database.url, { supervise: false, poolSize: 1 });
      const store = createWebhookEndpointStore({
        sql,
        secrets: createSecretBox(Buffer.from(testSecretKey(), 'base64')),
        enqueue: enqueueWith(boss),
      });
      try {
        const organization = `org-${crypto.randomUUID().slice(0, 8)}`;
        const { endpoint, secret } = await store.create(organization, { url: receiver.url });
        receiver.secret = secret;
        const [project] = await sql<{ id: string }[]>`
          insert into control_plane.projects (name, region, owner_id, organization_id)
          values ('p', 'us-east-1', 'owner', ${organization}) returning id`;
        await waitFor(() => receiver.received.length, { what: 'the first attempt to arrive', until: (n) => n === 1 });
        victim.child.kill('SIGKILL');
        expect(await victim.exited).toBe('SIGKILL');
        const [event] = await sql<{ id: string }[]>`
          select 'evt_' || id as id from control_plane.events where project_id = ${project!.id}`;
        expect(receiver.received[0]).toMatchObject({ id: event!.id, verified: true });

        // The dead worker's job is retried once its heartbeat runs out.
        const rescuer = startWorker();
        await rescuer.ready(60_000);
        const [delivery] = (await waitFor(() => store.deliveries(organization, endpoint.id), {
          what: 'the delivery to succeed',
          until: (list) => list?.[0]?.status === 'succeeded',
          timeoutMs: 120_000,
        }))!;
        expect(receiver.received.map((request) => request.id)).toEqual([event!.id, event!.id]);
        expect(receiver.received.every((request) => request.verified)).toBe(true);
        // The killed attempt recorded nothing; the one that arrived is the one on record.
        expect(delivery!.attempts.map((attempt) => attempt.responseStatus)).toEqual([204]);
        rescuer.child.kill('SIGTERM');
        expect(await rescuer.exited).toBe(0);
      } finally {
        await boss.stop({ graceful: false, close: true, timeout: 1000 }).catch(() => undefined);
        await bossSql.end({ timeout: 1 });
        await receiver.close();
      }
    },
  );
});
