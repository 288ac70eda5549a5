-- The spec's quota (10 active keys per project), enforced by the database itself so that
-- concurrent generateApiKeys calls, or any other writer, can never exceed it. The project
-- row lock serialises inserts per project; a rotated key (replaced_by set) no longer counts.
CREATE FUNCTION "control_plane"."api_keys_enforce_quota"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  active_count integer;
BEGIN
  IF NOT NEW.is_active OR NEW.revoked_at IS NOT NULL OR NEW.replaced_by IS NOT NULL THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM "control_plane"."projects" WHERE id = NEW.project_id FOR UPDATE;
  SELECT count(*) INTO active_count FROM "control_plane"."api_keys"
  WHERE project_id = NEW.project_id AND is_active AND revoked_at IS NULL AND replaced_by IS NULL
    AND (expires_at IS NULL OR expires_at > now()) AND id <> NEW.id;
  IF active_count >= 10 THEN
    RAISE EXCEPTION 'project % already has % active API keys (limit 10)', NEW.project_id, active_count
      USING ERRCODE = 'check_violation', CONSTRAINT = 'api_keys_active_quota';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "api_keys_enforce_quota" BEFORE INSERT ON "control_plane"."api_keys"
FOR EACH ROW EXECUTE FUNCTION "control_plane"."api_keys_enforce_quota"();
