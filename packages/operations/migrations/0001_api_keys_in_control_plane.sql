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
-- New keys become project resources, one INSERT per statement (a generation of 10 keys is
-- one statement); a rotation's successor names its predecessor, which rotation marks as
-- replaced before inserting the successor.
CREATE FUNCTION "control_plane"."api_keys_record_resources"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "control_plane"."project_resources" (project_id, resource_type, resource_id, metadata)
  SELECT k.project_id::uuid, 'api_keys', k.id,
         jsonb_strip_nulls(jsonb_build_object('start', k.key_start, 'rotatedFrom', predecessor.id))
  FROM inserted k
  LEFT JOIN "control_plane"."api_keys" predecessor
    ON predecessor.project_id = k.project_id AND predecessor.is_active AND predecessor.replaced_by = k.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "api_keys_record_resources" AFTER INSERT ON "control_plane"."api_keys"
REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "control_plane"."api_keys_record_resources"();
--> statement-breakpoint
-- A revoked key stops being a resource (one key per revocation: a row trigger that fires
-- only when revoked_at is written, never on the verification path's last_used writes).
CREATE FUNCTION "control_plane"."api_keys_forget_revoked"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN
    DELETE FROM "control_plane"."project_resources"
    WHERE project_id = NEW.project_id::uuid AND resource_type = 'api_keys' AND resource_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "api_keys_forget_revoked" AFTER UPDATE OF "revoked_at" ON "control_plane"."api_keys"
FOR EACH ROW EXECUTE FUNCTION "control_plane"."api_keys_forget_revoked"();
