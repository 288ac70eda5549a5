import { readTenantPool, refillTenantPool, type TenantPoolState } from '@org/db';
import { waitFor } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerQueueGauges } from '../src/observability/queue-gauges.js';
import type { ProvisioningQueue } from '../src/queue/provisioning-queue.js';
import {
  newProject,
  payloadFor,
  startTestQueue,
  startTestWorker,
  waitForProject,
  type TestWorker,
} from './support/test-worker.js';

let worker: TestWorker;
let queue: ProvisioningQueue;

beforeAll(async () => {
  worker = await startTestWorker();
  queue = await startTestQueue();
  worker.ctx.pool = { size: 2, requestRefill: (cluster) => void queue.requestPoolRefill(cluster) };
  registerQueueGauges(worker.ctx.metrics!, {
    depth: () => queue.depth(),
    connections: () => Promise.resolve([]),
    pool: () => readTenantPool(worker.db),
  });
  await queue.work(worker.ctx);
});
afterAll(async () => {
  await queue.stop(5000);
  await refillTenantPool('default', 0, worker.db);
  await worker.close();
});

async function poolOf(cluster: string): Promise<TenantPoolState> {
  return (await readTenantPool(worker.db)).find((pool) => pool.cluster === cluster)!;
}

async function waitForReady(count: number): Promise<void> {
  await waitFor(() => poolOf('default'), {
    until: (pool) => pool.ready === count,
    what: `the default pool at ${count} ready`,
  });
}

describe('the warm pool in the worker', () => {
  it('is filled through the queue, gives the next project its database, and is refilled', async () => {
    expect(await queue.requestPoolRefill('default')).toBe(true);
    await waitForReady(2);

    const project = await newProject(worker);
    await queue.send(payloadFor(project), 'test');
    expect((await waitForProject(worker, project.id)).provisioningStatus).toBe('provisioned');
    const [record] = await worker.db.client.sql<{ pooled: string | null }[]>`
      select metadata->>'pooled' as pooled from control_plane.project_resources
      where project_id = ${project.id} and resource_type = 'databases'`;
    expect(record?.pooled).toMatch(/^pooled_tenant_[0-9a-f]{8}_[0-9a-f]{16}$/);
    await waitForReady(2); // the claim asked for a refill

    const metrics = await worker.ctx.metrics!.registry.metrics();
    expect(metrics).toContain('provisioning_tenant_databases_total{cluster="default",source="pool"} 1');
    expect(metrics).toContain('provisioning_tenant_pool_databases{cluster="default",state="ready"} 2');
    expect(metrics).toMatch(/provisioning_tenant_pool_refill_seconds_count\{cluster="default"\} [2-9]/);
  });

  it('a refill that fails is logged with its cluster and left to the queue to retry', async () => {
    expect(await queue.requestPoolRefill('nowhere')).toBe(true);
    const failed = await waitFor(() => worker.logLines.find((line) => line.includes('tenant pool refill failed')), {
      what: 'a "tenant pool refill failed" log line',
      timeoutMs: 10_000,
    });
    expect(JSON.parse(failed)).toMatchObject({ cluster: 'nowhere', error: { code: 'CLUSTER_UNKNOWN' } });
    const [job] = await worker.db.client.sql<{ state: string }[]>`
      select state from pgboss.job where name = 'tenant_pool_refill' and singleton_key = 'nowhere'`;
    expect(['retry', 'created', 'active']).toContain(job?.state);
  });

  it('an empty pool slows a provisioning, never fails it', async () => {
    await refillTenantPool('default', 0, worker.db);
    worker.ctx.pool = { size: 2, requestRefill: () => {} }; // nobody refills
    const project = await newProject(worker);
    await queue.send(payloadFor(project), 'test');
    expect((await waitForProject(worker, project.id)).provisioningStatus).toBe('provisioned');
    expect(await worker.ctx.metrics!.registry.metrics()).toContain(
      'provisioning_tenant_databases_total{cluster="default",source="template"} 1',
    );
  });
});
