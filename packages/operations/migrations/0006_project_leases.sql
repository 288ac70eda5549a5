CREATE TABLE "control_plane"."project_leases" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL,
	"holder" text,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "control_plane"."project_leases" ADD CONSTRAINT "project_leases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A run takes its project in one round trip: the project's advisory lock (session-level,
-- waited for up to the session's lock_timeout, 55P03 after), then the lease's next
-- generation. Null when there is no such project (the lock is held all the same).
CREATE FUNCTION "control_plane"."take_project_lease"("project" uuid, "lock_key" text, "taker" text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  taken bigint;
BEGIN
  PERFORM pg_catalog.pg_advisory_lock(pg_catalog.hashtextextended(lock_key, 0));
  INSERT INTO control_plane.project_leases AS lease (project_id, generation, holder, taken_at)
  SELECT p.id, 1, taker, pg_catalog.now() FROM control_plane.projects p WHERE p.id = project
  ON CONFLICT (project_id) DO UPDATE
    SET generation = lease.generation + 1, holder = excluded.holder, taken_at = excluded.taken_at
  RETURNING lease.generation INTO taken;
  RETURN taken;
END $$;--> statement-breakpoint
-- The fence every journal statement of a run carries: the statement fails as a whole
-- (SQLSTATE OF001) unless the run's generation is still the project's. FOR SHARE orders it
-- against a take: a take waits for a statement that passed the fence to commit, and a
-- statement that waited for a take sees the new generation and is refused. `held` null: the
-- run found no project when it took it, and no run has taken it since.
CREATE FUNCTION "control_plane"."hold_project_lease"("project" uuid, "held" bigint) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF held IS NULL THEN
    PERFORM 1 FROM control_plane.project_leases WHERE project_id = project FOR SHARE;
    IF NOT FOUND THEN RETURN true; END IF;
  ELSE
    PERFORM 1 FROM control_plane.project_leases WHERE project_id = project AND generation = held FOR SHARE;
    IF FOUND THEN RETURN true; END IF;
  END IF;
  RAISE EXCEPTION 'project % was taken by a later run', project USING ERRCODE = 'OF001';
END $$;
