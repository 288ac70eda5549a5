-- A tenant's password can be reset (a new one, claimed once): an operation of its own kind.
ALTER TABLE "control_plane"."operations" DROP CONSTRAINT "operations_kind_check";--> statement-breakpoint
ALTER TABLE "control_plane"."operations" ADD CONSTRAINT "operations_kind_check" CHECK ("control_plane"."operations"."kind" in ('provision', 'suspend', 'resume', 'delete', 'reset_password'));