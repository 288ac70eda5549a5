import { PURGE_DUE_QUEUE, requestOperation, transactionBossDb } from '@org/operations';
import type { Job, PgBoss } from 'pg-boss';
import type { WorkerContext } from '../../provisioning/worker-context.js';

/** Who asks for a purge when a deleted project's retention ends (an operation's `requested_by`). */
const RETENTION_REQUESTER = 'retention';

/**
 * `project_purge_due`'s handler: a deleted project whose `purge_at` has come is purged (the
 * `purge` operation asked for, in the transaction that finds it due, under the project's row
 * lock). A project recovered meanwhile, purged already or deleted again later (a new
 * `purge_at`, with its own job) is left alone; one whose `purge_at` is still ahead (its
 * deletion ended after the job was sent) gets the job again for then. A deletion not ended
 * yet, or another operation of the project in progress (`OperationInProgressError`), fails the
 * job, and the queue tries again.
 */
export async function handlePurgeDueJobs(
  jobs: Job<{ project_id: string }>[],
  ctx: WorkerContext,
  boss: PgBoss,
): Promise<void> {
  for (const { data } of jobs) {
    const projectId = data.project_id;
    const outcome = await ctx.db.client.sql.begin(async (tx) => {
      const [project] = await tx<{ due: boolean; purge_at: Date | null; deleting: boolean }[]>`
        select p.purge_at <= now() as due, case when p.state = 'deleted' then p.purge_at end as purge_at,
               exists (select 1 from control_plane.operations o where o.project_id = p.id and o.kind = 'delete'
                       and o.status in ('queued', 'running')) as deleting
        from control_plane.projects p where p.id = ${projectId}::uuid for update`;
      // Sent with the deletion, the job can come before the deletion ended: the queue tries again.
      if (project?.deleting === true) throw new Error(`the deletion of ${projectId} has not ended yet`);
      if (project?.purge_at == null) return 'not deleted';
      if (!project.due) {
        await boss.send(PURGE_DUE_QUEUE, data, { startAfter: project.purge_at, db: transactionBossDb(tx) });
        return 'not due';
      }
      return requestOperation(boss, tx, { kind: 'purge', projectId, requestedBy: RETENTION_REQUESTER });
    });
    if (outcome === 'not deleted' || outcome === 'not due') {
      ctx.logger.debug({ projectId, outcome }, 'purge not due');
    } else {
      ctx.logger.info({ projectId, operationId: outcome }, 'purge asked for: the deleted project’s retention ended');
    }
  }
}
