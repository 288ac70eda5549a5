import type { SerializedError } from '@org/errors';
import type { Sql } from 'postgres';

/** A project's provisioning as the journal recorded it. Never holds a secret. */
export interface ProvisioningStatusReport {
  project: {
    id: string;
    name: string;
    region: string;
    status: string;
    provisioningStatus: string;
    step: string | null;
    error: string | null;
    provisionedAt: string | null;
  };
  /** In the order they were started. */
  steps: {
    step: string;
    status: string;
    attempts: number;
    durationMs: number | null;
    error: SerializedError | null;
    completedAt: string | null;
  }[];
  attempts: {
    id: string;
    attempt: number;
    status: string;
    jobId: string | null;
    startedAt: string;
    error: (SerializedError & { step?: string }) | null;
  }[];
}

/** Reads a project, its steps and its attempts in one round trip; undefined for no such project. */
export async function readProvisioningStatus(
  sql: Sql,
  projectId: string,
): Promise<ProvisioningStatusReport | undefined> {
  const [row] = await sql<{ report: ProvisioningStatusReport | null }[]>`
    select json_build_object(
      'project', json_build_object('id', p.id, 'name', p.name, 'region', p.region, 'status', p.status,
        'provisioningStatus', p.provisioning_status, 'step', p.provisioning_step, 'error', p.provisioning_error,
        'provisionedAt', p.provisioned_at),
      'steps', coalesce((select json_agg(json_build_object('step', s.step, 'status', s.status, 'attempts', s.attempts,
          'durationMs', s.duration_ms, 'error', s.error, 'completedAt', s.completed_at) order by s.started_at)
        from control_plane.provisioning_steps s where s.project_id = p.id), '[]'),
      'attempts', coalesce((select json_agg(json_build_object('id', a.id, 'attempt', a.attempt, 'status', a.status,
          'jobId', a.job_id, 'startedAt', a.started_at, 'error', a.error) order by a.started_at)
        from control_plane.provisioning_attempts a where a.project_id = p.id and a.kind = 'provision'), '[]')
    ) as report
    from control_plane.projects p where p.id = ${projectId}`;
  return row?.report ?? undefined;
}
