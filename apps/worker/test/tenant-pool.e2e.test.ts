import { readTenantPool, refillTenantPool, type TenantPoolState } from '@org/db';
import { waitFor } from '@org/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerQueueGauges } from '../src/observability/queue-gauges.js';
import { newProject, payloadFor, waitForProject } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

// The queue takes jobs once the context has its pool; the pool is on the shared server, so
// it is drained once the queue no longer refills it.
const worker = useTestWorker({ work: false, cleanUp: (started) => refillTenantPool('default', 0, started.db) });

beforeAll(async () => {
  worker.ctx.pool = { size: 2, requestRefill: (cluster) => void worker.queue.requestPoolRefill(cluster) };
  registerQueueGauges(worker.ctx.metrics!, {
    depth: () => worker.queue.depth(),
    connections: () => Promise.resolve([]),
    pool: () => readTenantPool(worker.db),
  });
  await worker.queue.work(worker.ctx);
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
    expect(await worker.queue.requestPoolRefill('default')).toBe(true);
    await waitForReady(2);

    const project = await newProject(worker);
    await worker.queue.send(payloadFor(project), 'test');
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
    expect(await worker.queue.requestPoolRefill('nowhere')).toBe(true);
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
    await worker.queue.send(payloadFor(project), 'test');
    expect((await waitForProject(worker, project.id)).provisioningStatus).toBe('provisioned');
    expect(await worker.ctx.metrics!.registry.metrics()).toContain(
      'provisioning_tenant_databases_total{cluster="default",source="template"} 1',
    );
  });
});
