/**
 * bench/webhooks: delivery throughput to a loopback receiver against the floor, a bare
 * `http.request` POST of the same body (a connection of its own each, as deliveries make),
 * in the same run: one signed, guarded request (`sendWebhookRequest`: signing, the address
 * check, the pinned lookup), and the whole pipeline (events written, dispatched into
 * deliveries and jobs, attempted by pg-boss workers, recorded) from the first event's commit
 * to the last delivery's receipt.
 */
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createSecretBox } from '@org/db';
import { waitFor } from '@org/db/testing';
import { migrateControlPlane, openBoss } from '@org/operations';
import {
  createAddressPolicy,
  createWebhookEndpointStore,
  createWebhookSecret,
  deliverWebhook,
  ensureWebhookQueue,
  migrateWebhooks,
  sendWebhookRequest,
  signWebhook,
  WEBHOOK_QUEUE,
  WebhookDispatcher,
  type WebhookJob,
} from '@org/webhooks';
import postgres from 'postgres';
import { BENCH_SECRET_KEY } from './support/bench-secret-key.js';
import { benchScratchDatabase } from './support/bench-database.js';
import { runConcurrently } from './support/run-concurrently.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

export interface WebhooksBenchOptions {
  url: string;
  quick: boolean;
}

export interface WebhooksBenchResult {
  table: string;
  rows: Record<string, number | string>[];
  /** One signed, guarded request against a bare POST (median of the rounds). */
  requestRatio: number;
  /** The whole pipeline's deliveries per second against bare POSTs per second. */
  pipelineRatio: number;
}

const BODY = JSON.stringify({
  type: 'operation.succeeded',
  timestamp: new Date().toISOString(),
  data: { project: { id: crypto.randomUUID(), name: 'bench', status: 'active' } },
});

export async function benchWebhooks(options: WebhooksBenchOptions): Promise<WebhooksBenchResult> {
  const concurrency = 8;
  const requests = options.quick ? 1000 : 5000;
  const events = options.quick ? 500 : 2000;
  const rounds = options.quick ? 1 : 3;
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const database = await benchScratchDatabase(options.url, 'bench_webhooks');
  const sql = postgres(database.url, { max: concurrency + 4, onnotice: () => {} });
  const { boss, sql: bossSql } = openBoss(database.url, { poolSize: concurrency + 2, superviseIntervalSeconds: 5 });
  const dispatcher = new WebhookDispatcher({ sql, boss, pollIntervalMs: 1000 });
  try {
    await migrateControlPlane(sql);
    await migrateWebhooks(sql);
    await boss.start();
    await ensureWebhookQueue(boss);
    const secrets = createSecretBox(Buffer.from(BENCH_SECRET_KEY, 'base64'));
    const delivery = { sql, boss, secrets, policy: createAddressPolicy() };
    await boss.work<WebhookJob>(
      WEBHOOK_QUEUE,
      { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        if (job !== undefined) await deliverWebhook(delivery, job.data);
      },
    );
    await dispatcher.start();
    const store = createWebhookEndpointStore({ sql, secrets, enqueue: () => Promise.resolve() });
    await store.create('org-bench', { url });
    const secret = createWebhookSecret();
    const policy = createAddressPolicy();

    const bare = () =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest(url, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
        });
        req.on('error', reject);
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.end(BODY);
      });
    const signed = async (index: number) => {
      const headers = signWebhook({ id: `evt_${index}`, timestamp: Math.floor(Date.now() / 1000), body: BODY }, [
        secret,
      ]);
      const response = await sendWebhookRequest({ url, headers, body: BODY, policy });
      if (response.status !== 204) throw new Error(`answered ${response.status ?? response.error}`);
    };

    const floorRates: number[] = [];
    const requestRates: number[] = [];
    const pipelineRates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const floor = await runConcurrently(requests, concurrency, bare);
      floorRates.push(requests / (floor.elapsedMs / 1000));
      const ours = await runConcurrently(requests, concurrency, signed);
      requestRates.push(requests / (ours.elapsedMs / 1000));
      // The pipeline: one statement writes `events` projects (one project.created event each).
      const before = received;
      const started = performance.now();
      await sql`
        insert into control_plane.projects (name, region, owner_id, organization_id)
        select 'bench-' || n, 'us-east-1', 'owner', 'org-bench' from generate_series(1, ${events}) n`;
      await waitFor(() => received - before, {
        what: `${events} deliveries received`,
        until: (count) => count >= events,
        timeoutMs: 600_000,
        intervalMs: 20,
      });
      pipelineRates.push(events / ((performance.now() - started) / 1000));
    }
    const floorRate = median(floorRates);
    const requestRatio = median(requestRates.map((rate, index) => rate / floorRates[index]!));
    const pipelineRatio = median(pipelineRates.map((rate, index) => rate / floorRates[index]!));
    const rows = [
      { case: 'floor: bare POST, a connection each', 'per s': Math.round(floorRate), ratio: 1 },
      { case: 'sendWebhookRequest (signed, guarded)', 'per s': Math.round(median(requestRates)), ratio: requestRatio },
      {
        case: 'pipeline: event to receipt (dispatch, job, attempt, record)',
        'per s': Math.round(median(pipelineRates)),
        ratio: pipelineRatio,
      },
    ];
    const table = formatTable(
      ['webhooks (concurrency 8)', 'per s', 'ratio to floor'],
      rows.map((row) => [row.case, row['per s'], row.ratio.toFixed(3)]),
    );
    return { table, rows, requestRatio, pipelineRatio };
  } finally {
    await dispatcher.stop();
    await boss.stop({ graceful: false, close: true, timeout: 2000 }).catch(() => undefined);
    await bossSql.end({ timeout: 2 });
    await sql.end({ timeout: 2 });
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await database.drop();
  }
}
