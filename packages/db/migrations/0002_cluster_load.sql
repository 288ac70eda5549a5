CREATE TABLE "control_plane"."cluster_load" (
	"cluster" text PRIMARY KEY NOT NULL,
	"databases" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Placement picks the least-loaded cluster of a region on every provisioning; counting the
-- recorded databases each time grew with the number of tenants. These triggers keep one
-- counter per cluster instead. The counts are a balancing hint: rows written by a worker
-- while this migration runs may be missed, which only skews the balance slightly.
INSERT INTO "control_plane"."cluster_load" ("cluster", "databases")
SELECT "metadata"->>'cluster', count(*) FROM "control_plane"."project_resources"
WHERE "resource_type" = 'databases' AND "metadata" ? 'cluster'
GROUP BY 1;
--> statement-breakpoint
CREATE FUNCTION "control_plane"."count_cluster_databases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.resource_type = 'databases' AND OLD.metadata ? 'cluster' THEN
    UPDATE control_plane.cluster_load SET databases = databases - 1 WHERE cluster = OLD.metadata->>'cluster';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.resource_type = 'databases' AND NEW.metadata ? 'cluster' THEN
    INSERT INTO control_plane.cluster_load AS load (cluster, databases) VALUES (NEW.metadata->>'cluster', 1)
    ON CONFLICT (cluster) DO UPDATE SET databases = load.databases + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "project_resources_cluster_load_count" AFTER INSERT OR DELETE ON "control_plane"."project_resources"
FOR EACH ROW EXECUTE FUNCTION "control_plane"."count_cluster_databases"();
--> statement-breakpoint
-- An update moves a count only when it moves the database (every provisioning updates the
-- record's status, which must not touch the counter row).
CREATE TRIGGER "project_resources_cluster_load_move" AFTER UPDATE OF "metadata", "resource_type" ON "control_plane"."project_resources"
FOR EACH ROW WHEN (OLD.metadata->>'cluster' IS DISTINCT FROM NEW.metadata->>'cluster' OR OLD.resource_type IS DISTINCT FROM NEW.resource_type)
EXECUTE FUNCTION "control_plane"."count_cluster_databases"();
