-- Recoverable deletes (see @org/db's 0006_recoverable_delete): a deletion keeps the project,
-- `recover` undoes it and `purge` is the deletion that cannot be undone. Snapshots of a
-- project's database: taken, restored, dropped.
ALTER TABLE "control_plane"."operations" DROP CONSTRAINT "operations_kind_check";--> statement-breakpoint
ALTER TABLE "control_plane"."operations" ADD CONSTRAINT "operations_kind_check" CHECK ("control_plane"."operations"."kind" in ('provision', 'suspend', 'resume', 'delete', 'reset_password', 'recover', 'purge', 'snapshot', 'restore', 'delete_snapshot'));--> statement-breakpoint
ALTER TABLE "control_plane"."provisioning_attempts" DROP CONSTRAINT "provisioning_attempts_kind_check";--> statement-breakpoint
ALTER TABLE "control_plane"."provisioning_attempts" ADD CONSTRAINT "provisioning_attempts_kind_check" CHECK ("control_plane"."provisioning_attempts"."kind" in ('provision', 'suspend', 'resume', 'delete', 'reset_password', 'recover', 'purge', 'snapshot', 'restore', 'delete_snapshot'));--> statement-breakpoint
-- An event's project shows what the API shows of it: when it was deleted, when it is purged,
-- and whether it is protected from deletion.
CREATE OR REPLACE FUNCTION "control_plane"."project_event_view"("p" "control_plane"."projects") RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.jsonb_build_object(
    'id', p.id, 'name', p.name, 'organization_id', p.organization_id, 'owner_id', p.owner_id,
    'region', p.region, 'status', p.state, 'provisioning_status', p.provisioning_status,
    'last_error', p.provisioning_error, 'created_at', control_plane.event_time(p.created_at),
    'updated_at', control_plane.event_time(p.updated_at),
    'provisioned_at', control_plane.event_time(p.provisioned_at),
    'deletion_protection', p.deletion_protection,
    'deleted_at', control_plane.event_time(p.deleted_at),
    'purge_at', control_plane.event_time(p.purge_at))
$$;--> statement-breakpoint
-- @org/db's migration dropped it to recompute `state`, which it reads: made again (also where
-- it still exists, for a database migrated in another order).
CREATE OR REPLACE TRIGGER "projects_state_event" AFTER UPDATE OF status, provisioning_status ON "control_plane"."projects"
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION control_plane.record_project_event();
