import type { ReservedSql } from 'postgres';
import type { LifecycleEvent } from '../operation-report.js';
import type { OperationKind } from '../schema/operations.js';
import { jsonb } from './jsonb.js';

/** What a lifecycle run learns as it begins, under the project's lock. */
export interface LifecycleStart {
  /** False when the operation is unknown or has ended (cancelled, or settled by an earlier delivery). */
  open: boolean;
  kind: OperationKind | undefined;
  /** The project's status and provisioning status. */
  projectStatus: string | null;
  provisioningStatus: string | null;
  /** Steps completed by earlier runs of the operation: they are not run again. */
  completed: Set<string>;
}

/**
 * One statement, under the project's lock: the operation, if still open, is marked running
 * with this attempt appended to its events; the project's state and the steps earlier runs
 * completed are read.
 */
export async function beginLifecycleRun(
  connection: ReservedSql,
  projectId: string,
  operationId: string,
  attempt: number,
): Promise<LifecycleStart> {
  const event: LifecycleEvent = { type: 'attempt', attempt, at: new Date().toISOString() };
  const [row] = await connection<
    {
      kind: OperationKind | null;
      open: boolean;
      status: string | null;
      provisioning_status: string | null;
      events: LifecycleEvent[] | null;
    }[]
  >`
    with started as (
      update control_plane.operations
      set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now(),
          events = events || ${jsonb(connection, [event])}::jsonb
      where id = ${operationId}::uuid and project_id = ${projectId} and status in ('queued', 'running')
      returning kind, events)
    select (select kind from started) as kind, exists (select 1 from started) as open,
           (select events from started) as events,
           p.status, p.provisioning_status
    from (select 1) one left join control_plane.projects p on p.id = ${projectId}`;
  const completed = new Set(
    (row?.events ?? []).flatMap((entry) => (entry.type === 'step' && entry.status === 'completed' ? [entry.step] : [])),
  );
  return {
    open: row?.open === true,
    kind: row?.kind ?? undefined,
    projectStatus: row?.status ?? null,
    provisioningStatus: row?.provisioning_status ?? null,
    completed,
  };
}
