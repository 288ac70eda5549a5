import { isUuid } from '@org/db';
import type { Sql, TransactionSql } from 'postgres';
import type { OperationReport, OperationRun } from './operation-report.js';
import type { OperationKind } from './schema/operations.js';
import { cancelOperation, type CancelOutcome } from './transitions/cancel-operation.js';

type ReportRow = Omit<OperationReport, 'runs'> & { runs: OperationRun[] };

// The report of the operations `where` selects: its runs are its job's attempts with their
// step runs, whatever its kind.
const REPORT = (sql: Sql | TransactionSql) => sql`
  select o.id, o.project_id as "projectId", o.kind, o.status, o.attempts, o.error, o.requested_by as "requestedBy",
    o.created_at as "createdAt", o.started_at as "startedAt", o.finished_at as "finishedAt", o.updated_at as "updatedAt",
    coalesce((
      select json_agg(json_build_object('attempt', a.attempt, 'status', a.status, 'startedAt', a.started_at,
        'finishedAt', a.finished_at, 'error', a.error, 'steps', coalesce((
          select json_agg(json_build_object('step', r.step, 'status', r.status, 'startedAt', r.started_at,
            'finishedAt', r.finished_at, 'durationMs', r.duration_ms, 'error', r.error) order by r.started_at, r.step)
          from control_plane.provisioning_step_runs r where r.attempt_id = a.id), '[]'::json)) order by a.started_at)
      from control_plane.provisioning_attempts a where a.job_id = o.id::text), '[]'::json) as runs
  from control_plane.operations o`;

function toReport({ runs, ...row }: ReportRow): OperationReport {
  const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());
  return {
    ...row,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    updatedAt: iso(row.updatedAt)!,
    runs: runs.map((run) => ({
      ...run,
      startedAt: iso(run.startedAt)!,
      finishedAt: iso(run.finishedAt),
      steps: run.steps.map((step) => ({ ...step, startedAt: iso(step.startedAt)!, finishedAt: iso(step.finishedAt) })),
    })),
  };
}

/**
 * The operations table's read side: what callers asked for and how it went. Every change
 * of an operation is a statement of `transitions/` (recording one, in the caller's
 * transaction with its queue job; runs; cancelling).
 */
export class OperationStore {
  constructor(private readonly sql: Sql) {}

  /**
   * What the project's latest provisioning asked for (its validated payload), read on `sql`;
   * undefined when it has none recorded.
   */
  static async lastProvisionRequest(
    sql: Sql | TransactionSql,
    projectId: string,
  ): Promise<Record<string, unknown> | undefined> {
    const [row] = await sql<{ request: Record<string, unknown> }[]>`
      select request from control_plane.operations
      where project_id = ${projectId}::uuid and kind = 'provision' and request is not null
      order by created_at desc limit 1`;
    return row?.request;
  }

  /**
   * The project's latest operation of `kind` that succeeded (the one that brought it to the
   * state it is in, when it is in that kind's state), read on `sql`; undefined when none did.
   */
  static async lastSucceeded(
    sql: Sql | TransactionSql,
    projectId: string,
    kind: OperationKind,
  ): Promise<OperationReport | undefined> {
    const [row] = await sql<ReportRow[]>`
      ${REPORT(sql)} where o.project_id = ${projectId}::uuid and o.kind = ${kind} and o.status = 'succeeded'
      order by o.created_at desc, o.id desc limit 1`;
    return row === undefined ? undefined : toReport(row);
  }

  /** One operation, or undefined. */
  read(id: string): Promise<OperationReport | undefined> {
    return OperationStore.readWith(this.sql, id);
  }

  /** One operation, read on `sql` (a transaction that just recorded it, say), or undefined. */
  static async readWith(sql: Sql | TransactionSql, id: string): Promise<OperationReport | undefined> {
    const [row] = await sql<ReportRow[]>`${REPORT(sql)} where o.id = ${id}::uuid`;
    return row === undefined ? undefined : toReport(row);
  }

  /** A project's operations, newest first; `after` (an operation's id) pages on from it. */
  async list(projectId: string, options: { limit: number; after?: string | undefined }): Promise<OperationReport[]> {
    const after = isUuid(options.after) ? options.after : null;
    const rows = await this.sql<ReportRow[]>`
      ${REPORT(this.sql)}
      where o.project_id = ${projectId}::uuid
        and (${after}::uuid is null
             or (o.created_at, o.id) < (select created_at, id from control_plane.operations where id = ${after}::uuid))
      order by o.created_at desc, o.id desc limit ${options.limit}`;
    return rows.map(toReport);
  }

  /** The project's queued or running operation, if any. */
  async active(projectId: string): Promise<OperationReport | undefined> {
    const [row] = await this.sql<ReportRow[]>`
      ${REPORT(this.sql)} where o.project_id = ${projectId}::uuid and o.status in ('queued', 'running')`;
    return row === undefined ? undefined : toReport(row);
  }

  /** See {@link cancelOperation}. */
  cancel(id: string): Promise<CancelOutcome> {
    return cancelOperation(this.sql, id);
  }
}
