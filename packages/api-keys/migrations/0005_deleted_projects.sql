ALTER TABLE "control_plane"."api_key_suspensions" ADD COLUMN "suspended" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "control_plane"."api_key_suspensions" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
-- A deletion, a recovery, a suspension or its end that keeps the row (the other hold stays)
-- is an UPDATE: announced like an insert or a delete, so every cache drops the project's keys.
CREATE TRIGGER "api_key_suspensions_announce_update" AFTER UPDATE OF suspended, deleted_at
ON "control_plane"."api_key_suspensions" FOR EACH ROW
WHEN (OLD.suspended IS DISTINCT FROM NEW.suspended OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
EXECUTE FUNCTION "control_plane"."api_keys_announce_change"();
