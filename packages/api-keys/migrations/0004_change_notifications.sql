-- Every change that can turn a verification's answer is announced on the channel
-- `api_key_changes`, from the database itself, so no writer (this package, the control
-- plane's own SQL, an operator's UPDATE) can change a key without the caches of every
-- process hearing of it. NOTIFY is transactional: the message leaves at commit, in commit
-- order. Payloads: `k:<key_hash>` for one key, `p:<project_id>` for every key of a project
-- (a suspension or its end). The hash, not the id, so that a cache keyed by hash drops the
-- entry without an index; an unsalted SHA-256 of 256 random bits reveals nothing usable.
-- `last_used` writes are not in the column list, so the hot path's one write fires nothing.
-- A key's hash and project never change; neither is named, so a later migration may retype
-- them (the control plane makes project_id a uuid).
CREATE FUNCTION "control_plane"."api_keys_announce_change"() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF TG_TABLE_NAME = 'api_key_suspensions' THEN
    PERFORM pg_catalog.pg_notify('api_key_changes', 'p:' || (CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id ELSE NEW.project_id END));
  ELSE
    PERFORM pg_catalog.pg_notify('api_key_changes', 'k:' || OLD.key_hash);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "api_keys_announce_update" AFTER UPDATE OF is_active, revoked_at, expires_at, scopes, replaced_by
ON "control_plane"."api_keys" FOR EACH ROW
WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
  OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.scopes IS DISTINCT FROM NEW.scopes
  OR OLD.replaced_by IS DISTINCT FROM NEW.replaced_by)
EXECUTE FUNCTION "control_plane"."api_keys_announce_change"();
--> statement-breakpoint
CREATE TRIGGER "api_keys_announce_delete" AFTER DELETE ON "control_plane"."api_keys"
FOR EACH ROW EXECUTE FUNCTION "control_plane"."api_keys_announce_change"();
--> statement-breakpoint
CREATE TRIGGER "api_key_suspensions_announce" AFTER INSERT OR DELETE ON "control_plane"."api_key_suspensions"
FOR EACH ROW EXECUTE FUNCTION "control_plane"."api_keys_announce_change"();
