import type { Fragment, Sql, TransactionSql } from 'postgres';

/**
 * How many of an owner's keys are active, as a postgres.js fragment for a statement of
 * yours (a view that shows the count beside other tables, in one round trip). `owner` is
 * the owner's id as a fragment: a column of your statement (sql`p.id`) or a value
 * (sql`${projectId}`). Active is what the quota counts: not revoked, not rotated out, not
 * expired by the database's clock; a suspended key still counts, since resuming gives it back.
 */
export function activeApiKeyCountSql(sql: Sql | TransactionSql, owner: Fragment): Fragment {
  // The rule of the quota trigger (migrations/0002_quota_per_owner.sql), which must agree.
  return sql`(select count(*)::int from control_plane.api_keys active_key
    where active_key.project_id = ${owner} and active_key.is_active and active_key.revoked_at is null
      and active_key.replaced_by is null and (active_key.expires_at is null or active_key.expires_at > now()))`;
}
