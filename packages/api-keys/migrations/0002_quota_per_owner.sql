-- The quota of 10 active keys per project no longer locks a control_plane.projects row:
-- this package's tables stand alone, and a project is any owner id string. A transaction
-- advisory lock on the project id serialises concurrent inserts for one project the same
-- way. Databases migrated before this (where 0000 still carried a foreign key to projects
-- and project_id was a uuid) get the same function; the control plane layers its foreign
-- key on in @org/worker's migrations.
CREATE OR REPLACE FUNCTION "control_plane"."api_keys_enforce_quota"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  active_count integer;
BEGIN
  IF NOT NEW.is_active OR NEW.revoked_at IS NOT NULL OR NEW.replaced_by IS NOT NULL THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('api_keys_quota:' || NEW.project_id::text, 0));
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
