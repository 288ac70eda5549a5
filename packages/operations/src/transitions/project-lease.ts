import { projectLockKey } from '@org/db';
import { LeaseLostError } from '@org/errors';
import type { PendingQuery, ReservedSql, Row } from 'postgres';
import type { StatementSql } from './jsonb.js';

/**
 * A run's hold on its project: the generation of the project's lease it took with the
 * project's lock. Every statement of the run's journal carries it ({@link holdLease}).
 */
export interface ProjectLease {
  projectId: string;
  /** As PostgreSQL's bigint text; null when the project did not exist when it was taken. */
  generation: string | null;
}

/** A lease as taken: with the session's client port as the server saw it (null over a unix socket). */
export interface TakenLease extends ProjectLease {
  clientPort: number | null;
}

/** The SQLSTATE of a statement refused by {@link holdLease}. */
export const LEASE_LOST_SQLSTATE = 'OF001';

/**
 * Takes the project's advisory lock on `connection` (session-level: it goes with the
 * session) and the next generation of its lease, in one statement. Waiting longer than the
 * session's `lock_timeout` fails with 55P03. The session's client port comes with it: the
 * holder can tell its connection's socket by it.
 */
export async function takeProjectLease(
  connection: ReservedSql,
  projectId: string,
  holder: string | null,
): Promise<TakenLease> {
  const [row] = await connection<{ generation: string | null; port: number | null }[]>`
    select control_plane.take_project_lease(${projectId}::uuid, ${projectLockKey(projectId)}, ${holder}) as generation,
           inet_client_port() as port`;
  return { projectId, generation: row?.generation ?? null, clientPort: row?.port ?? null };
}

/**
 * `fence`: the common table expression that fails its whole statement (SQLSTATE
 * {@link LEASE_LOST_SQLSTATE}) once a later run has taken the project. The statement must
 * read it (`... from fence`): an unread one is never run.
 */
export function holdLease(sql: StatementSql, lease: ProjectLease): PendingQuery<Row[]> {
  return sql`fence as (select control_plane.hold_project_lease(${lease.projectId}::uuid, ${lease.generation}::bigint) as held)`;
}

/** A refused statement as a {@link LeaseLostError}; any other error as it is. */
export function leaseLostOr(error: unknown, projectId: string): unknown {
  return (error as { code?: unknown }).code === LEASE_LOST_SQLSTATE
    ? new LeaseLostError(projectId, 'a later run took the project; this run’s write was refused', { cause: error })
    : error;
}
