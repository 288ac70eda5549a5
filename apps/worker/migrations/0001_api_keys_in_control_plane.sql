-- The control plane's use of @org/api-keys, layered on its table (which stands alone in
-- that package: any owner id, no reference into our tables). Here a key belongs to one of
-- our projects: project_id becomes a uuid with a foreign key to projects (as 0000 of
-- @org/api-keys had it before it stood alone: on such a database both are kept), and
-- every key is recorded in project_resources in the same transaction that writes it.
DO $$
BEGIN
  IF (SELECT atttypid FROM pg_attribute
      WHERE attrelid = 'control_plane.api_keys'::regclass AND attname = 'project_id') <> 'uuid'::regtype THEN
    ALTER TABLE "control_plane"."api_keys" ALTER COLUMN "project_id" TYPE uuid USING "project_id"::uuid;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint
      WHERE conrelid = 'control_plane.api_keys'::regclass AND conname = 'api_keys_project_id_projects_id_fk') THEN
    ALTER TABLE "control_plane"."api_keys" ADD CONSTRAINT "api_keys_project_id_projects_id_fk"
      FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id");
  END IF;
END
$$;
--> statement-breakpoint
-- A new key becomes a project resource (a rotation's successor names its predecessor); a
-- revoked one stops being one. Rotation marks the old key replaced before inserting the new.
CREATE FUNCTION "control_plane"."api_keys_project_resources"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "control_plane"."project_resources" (project_id, resource_type, resource_id, metadata)
    VALUES (NEW.project_id::uuid, 'api_keys', NEW.id, jsonb_build_object('start', NEW.key_start) || coalesce(
      (SELECT jsonb_build_object('rotatedFrom', id) FROM "control_plane"."api_keys"
       WHERE project_id = NEW.project_id AND is_active AND replaced_by = NEW.id LIMIT 1), '{}'::jsonb));
  ELSIF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN
    DELETE FROM "control_plane"."project_resources"
    WHERE project_id = NEW.project_id::uuid AND resource_type = 'api_keys' AND resource_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "api_keys_project_resources" AFTER INSERT OR UPDATE OF "revoked_at" ON "control_plane"."api_keys"
FOR EACH ROW EXECUTE FUNCTION "control_plane"."api_keys_project_resources"();
