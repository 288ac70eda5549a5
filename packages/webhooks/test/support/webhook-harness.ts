import { createSecretBox, type SecretBox } from '@org/db';
import { createTestDatabase, testSecretKey, type TestDatabase } from '@org/db/testing';
import { migrateControlPlane, openBoss } from '@org/operations';
import type { PgBoss } from 'pg-boss';
import postgres, { type Sql } from 'postgres';
import { createAddressPolicy } from '../../src/address-policy.js';
import { deliverWebhook, type DeliveryContext } from '../../src/deliver-webhook.js';
import { migrateWebhooks } from '../../src/migrate.js';
import { WebhookDispatcher } from '../../src/webhook-dispatcher.js';
import { createWebhookEndpointStore, type WebhookEndpointStore } from '../../src/webhook-endpoint-store.js';
import { enqueueWith, ensureWebhookQueue, WEBHOOK_QUEUE, type WebhookJob } from '../../src/webhook-queue.js';

/** A migrated database with a dispatcher and (unless `deliver: false`) a delivering worker in this process. */
export interface WebhookHarness {
  database: TestDatabase;
  sql: Sql;
  boss: PgBoss;
  secrets: SecretBox;
  store: WebhookEndpointStore;
  dispatcher: WebhookDispatcher;
  /** Creates a project of `organization` (its `project.created` event), returning its id. */
  newProject(organization: string): Promise<string>;
  /** Sets a project's provisioning status: one `project.<state>` event when its state changes. */
  setState(projectId: string, provisioningStatus: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookHarness(
  name: string,
  options: { deliver?: boolean; delivery?: Partial<DeliveryContext> } = {},
): Promise<WebhookHarness> {
  const database = await createTestDatabase(name);
  const sql = postgres(database.url, { max: 8, onnotice: () => {} });
  await migrateControlPlane(sql);
  await migrateWebhooks(sql);
  const { boss, sql: bossSql } = openBoss(database.url, { superviseIntervalSeconds: 1 });
  await boss.start();
  await ensureWebhookQueue(boss, { heartbeatSeconds: 10 });
  const secrets = createSecretBox(Buffer.from(testSecretKey(), 'base64'));
  const delivery: DeliveryContext = {
    sql,
    boss,
    secrets,
    policy: createAddressPolicy(),
    // The three days' schedule in about six seconds; the endpoint's failing streak is given
    // a minute (tests that want it over date it back).
    retryDelayScale: 0.00002,
    disableAfterFailingMs: 60_000,
    timeoutMs: 3000,
    ...options.delivery,
  };
  if (options.deliver !== false) {
    await boss.work<WebhookJob>(
      WEBHOOK_QUEUE,
      { pollingIntervalSeconds: 0.5, batchSize: 1, localConcurrency: 4 },
      async ([job]) => {
        if (job !== undefined) await deliverWebhook(delivery, job.data);
      },
    );
  }
  const dispatcher = new WebhookDispatcher({ sql, boss, pollIntervalMs: 500 });
  await dispatcher.start();
  return {
    database,
    sql,
    boss,
    secrets,
    store: createWebhookEndpointStore({ sql, secrets, enqueue: enqueueWith(boss) }),
    dispatcher,
    async newProject(organization) {
      const [row] = await sql<{ id: string }[]>`
        insert into control_plane.projects (name, region, owner_id, organization_id)
        values ('p', 'us-east-1', 'owner', ${organization}) returning id`;
      return row!.id;
    },
    async setState(projectId, provisioningStatus) {
      await sql`update control_plane.projects set provisioning_status = ${provisioningStatus} where id = ${projectId}`;
    },
    async close() {
      await dispatcher.stop();
      await boss.stop({ graceful: false, close: true, timeout: 2000 });
      await bossSql.end({ timeout: 2 });
      await sql.end({ timeout: 2 });
      await database.drop();
    },
  };
}
