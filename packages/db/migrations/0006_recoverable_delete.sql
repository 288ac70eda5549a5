-- A deletion that can be undone: `deleted` is now a project whose database, role, keys and
-- services are kept, switched off, until `purge_at`; `purging` and `purged` are the deletion
-- that cannot be undone (what `deleting` and `deleted` were). The state is recomputed for every
-- row: a project deleted before this migration (deprovisioned) is `purged`.
-- @org/operations' trigger `projects_state_event` reads the column, so it goes first; that
-- package's next migration creates it again (the worker and the API migrate both, in order).
DROP TRIGGER IF EXISTS "projects_state_event" ON "control_plane"."projects";--> statement-breakpoint
ALTER TABLE "control_plane"."projects" DROP COLUMN "state";--> statement-breakpoint
ALTER TABLE "control_plane"."projects" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "control_plane"."projects" ADD COLUMN "purge_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "control_plane"."projects" ADD COLUMN "status_before_delete" text;--> statement-breakpoint
ALTER TABLE "control_plane"."projects" ADD COLUMN "deletion_protection" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "control_plane"."projects" ADD CONSTRAINT "projects_status_before_delete_check" CHECK ("control_plane"."projects"."status_before_delete" in ('active', 'suspended'));--> statement-breakpoint
ALTER TABLE "control_plane"."projects" ADD COLUMN "state" text GENERATED ALWAYS AS (case
          when provisioning_status = 'deprovisioned' then 'purged'
          when provisioning_status = 'deprovisioning' then 'purging'
          when status = 'deleted' then 'deleted'
          when provisioning_status = 'failed' then 'failed'
          when status = 'suspended' then 'suspended'
          when provisioning_status = 'provisioned' then 'active'
          when provisioning_status = 'provisioning' then 'provisioning'
          else 'pending' end) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "control_plane"."projects" USING btree ("state","created_at","id");
