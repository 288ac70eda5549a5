import { resolveApiKeyStore, type ApiKeyContext } from './api-key-store.js';

// One row per project holds its keys (schema/api-key-suspensions.ts): `suspended` and
// `deleted_at` are two holds kept apart, and the row goes when neither is left.

/**
 * Suspends every key of a project (any owner id): from the commit on, each verifies as
 * `suspended` (or `deleted`, while the project is deleted), including keys issued while the
 * suspension lasts. Idempotent: returns whether this call suspended it (false when it already was).
 */
export async function suspendApiKeys(projectId: string, ctx?: ApiKeyContext): Promise<boolean> {
  if (typeof projectId !== 'string' || projectId === '') return false;
  const rows = await resolveApiKeyStore(ctx).sql`
    insert into control_plane.api_key_suspensions as s (project_id, suspended) values (${projectId}, true)
    on conflict (project_id) do update set suspended = true, suspended_at = now() where not s.suspended
    returning 1`;
  return rows.length > 0;
}

/**
 * Lifts a project's suspension: each key verifies as it would have without it (a key
 * revoked or expired meanwhile stays so; a deleted project's keys stay `deleted`).
 * Idempotent: returns whether it was suspended.
 */
export async function resumeApiKeys(projectId: string, ctx?: ApiKeyContext): Promise<boolean> {
  if (typeof projectId !== 'string' || projectId === '') return false;
  return lift(projectId, 'suspended', ctx);
}

/**
 * Holds every key of a deleted project (`deleted: true`): from the commit on, each verifies as
 * `deleted`, until the project is recovered (`deleted: false`), when each verifies as it would
 * have without the deletion (`suspended` again if the project was suspended before).
 * Idempotent: returns whether this call changed anything.
 */
export async function setApiKeysDeleted(projectId: string, deleted: boolean, ctx?: ApiKeyContext): Promise<boolean> {
  if (typeof projectId !== 'string' || projectId === '') return false;
  if (!deleted) return lift(projectId, 'deleted', ctx);
  const rows = await resolveApiKeyStore(ctx).sql`
    insert into control_plane.api_key_suspensions as s (project_id, suspended, deleted_at) values (${projectId}, false, now())
    on conflict (project_id) do update set deleted_at = now() where s.deleted_at is null
    returning 1`;
  return rows.length > 0;
}

/** Lifts one hold; the row goes with the last one. */
async function lift(projectId: string, hold: 'suspended' | 'deleted', ctx?: ApiKeyContext): Promise<boolean> {
  const suspended = hold === 'suspended';
  const [row] = await resolveApiKeyStore(ctx).sql<{ lifted: number }[]>`
    with held as (
      select project_id from control_plane.api_key_suspensions
      where project_id = ${projectId} and case when ${suspended} then suspended else deleted_at is not null end
      for update),
    gone as (
      delete from control_plane.api_key_suspensions s using held
      where s.project_id = held.project_id and case when ${suspended} then s.deleted_at is null else not s.suspended end
      returning 1),
    kept as (
      update control_plane.api_key_suspensions s
      set suspended = case when ${suspended} then false else s.suspended end,
          deleted_at = case when ${suspended} then s.deleted_at end
      from held
      where s.project_id = held.project_id and not exists (select 1 from gone)
      returning 1)
    select (select count(*) from gone)::int + (select count(*) from kept)::int as lifted`;
  return (row?.lifted ?? 0) > 0;
}
