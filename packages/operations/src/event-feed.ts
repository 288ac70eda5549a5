import { PROJECT_STATES } from '@org/db';
import type { Sql, TransactionSql } from 'postgres';
import { OPERATION_STATUSES } from './schema/operations.js';

/** Every event type: a project's creation and each state it enters, and each status of an operation. */
export const EVENT_TYPES = [
  'project.created',
  ...PROJECT_STATES.map((state) => `project.${state}` as const),
  ...OPERATION_STATUSES.map((status) => `operation.${status}` as const),
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events are kept this long (30 days), then pruned by the workers. */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** One change to a project or an operation, as the feed and the webhooks carry it. */
export interface ControlPlaneEvent {
  /** `evt_<n>`: unique, and the `webhook-id` of its deliveries. */
  id: string;
  type: EventType;
  /** Where it stands in the feed: pass the last one read as `after` to read on. */
  position: number;
  organizationId: string;
  projectId: string;
  operationId: string | null;
  /** When the change was made: ISO 8601, UTC. */
  occurredAt: string;
  /** `{ project, operation? }` in the API's field names and formats. */
  data: { project: Record<string, unknown>; operation?: Record<string, unknown> };
}

/** Which events to read: after a position, of an organization or a project, of some types. */
export interface EventQuery {
  /** Only after this position (exclusive); from the oldest kept when omitted. */
  after?: number;
  /** null or omitted: every organization's. */
  organizationId?: string | null;
  projectId?: string;
  types?: readonly EventType[];
  /** At most this many (1 to 1000). */
  limit: number;
}

/**
 * Sequences what has committed (`control_plane.sequence_events()`), then reads a page in
 * position order. Following `position` never skips an event: one that commits after a
 * later-written one gets the later position (docs/events.md explains the guard).
 */
export async function readEvents(sql: Sql | TransactionSql, query: EventQuery): Promise<ControlPlaneEvent[]> {
  await sql`select control_plane.sequence_events()`;
  const rows = await sql<ControlPlaneEvent[]>`
    select 'evt_' || id as id, type, position::float8 as position, organization_id as "organizationId",
      project_id as "projectId", operation_id as "operationId", control_plane.event_time(occurred_at) as "occurredAt", data
    from control_plane.events
    where position > ${query.after ?? 0}
      ${query.organizationId == null ? sql`` : sql`and organization_id = ${query.organizationId}`}
      ${query.projectId === undefined ? sql`` : sql`and project_id = ${query.projectId}`}
      ${query.types === undefined || query.types.length === 0 ? sql`` : sql`and type = any(${query.types as string[]})`}
    order by position
    limit ${Math.min(Math.max(query.limit, 1), 1000)}`;
  return rows;
}

/** Deletes events older than `olderThanMs` (default {@link EVENT_RETENTION_MS}); returns how many. */
export async function pruneEvents(sql: Sql, olderThanMs = EVENT_RETENTION_MS): Promise<number> {
  const deleted = await sql`
    delete from control_plane.events where occurred_at < now() - make_interval(secs => ${olderThanMs / 1000})`;
  return deleted.count;
}
