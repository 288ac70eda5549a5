import type { DbContext } from '@org/db';
import type { ProvisioningQueue } from '@org/worker';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from 'postgres';
import { benchPayload, benchProjects } from './bench-context.js';
import { checkpoint } from './checkpoint.js';

/** Waits (one query per 50 ms) until every project is provisioned; throws when one failed. */
export async function waitProvisioned(sql: Sql, ids: string[]): Promise<void> {
  for (;;) {
    const [row] = await sql<{ done: number; failed: number }[]>`
      select count(*) filter (where provisioning_status = 'provisioned')::int as done,
             count(*) filter (where provisioning_status = 'failed')::int as failed
      from control_plane.projects where id = any(${ids}::uuid[])`;
    if (row!.failed > 0) throw new Error('a queued provisioning failed');
    if (row!.done === ids.length) return;
    await sleep(50);
  }
}

/**
 * The queue's burst: `n` fresh projects sent at once, after a {@link checkpoint} (as the
 * floor's burst), to whatever workers consume `queue`. Its throughput is timed on the
 * server's clock, from the first job's creation to the last project provisioned.
 */
export async function queueBurst(
  sql: Sql,
  db: DbContext,
  queue: ProvisioningQueue,
  n: number,
): Promise<{ ids: string[]; throughput: number }> {
  const projects = await benchProjects(db, n);
  const ids = projects.map((p) => p.id);
  await checkpoint(sql);
  for (const project of projects) await queue.send(benchPayload(project), 'bench');
  await waitProvisioned(sql, ids);
  const [span] = await sql<{ ms: number }[]>`
    select extract(epoch from (max(p.provisioned_at) - min(j.created_on))) * 1000 as ms
    from pgboss.job j join control_plane.projects p on p.id::text = j.singleton_key
    where j.name = 'provision_project' and p.id = any(${ids}::uuid[])`;
  return { ids, throughput: n / (Number(span!.ms) / 1000) };
}
