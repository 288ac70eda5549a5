CREATE TABLE "control_plane"."events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "control_plane"."events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"position" bigint,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" uuid NOT NULL,
	"operation_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "events_position_idx" ON "control_plane"."events" USING btree ("position");--> statement-breakpoint
CREATE INDEX "events_unsequenced_idx" ON "control_plane"."events" USING btree ("id") WHERE "control_plane"."events"."position" is null;--> statement-breakpoint
CREATE INDEX "events_organization_idx" ON "control_plane"."events" USING btree ("organization_id","position");--> statement-breakpoint
CREATE INDEX "events_project_idx" ON "control_plane"."events" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "events_occurred_idx" ON "control_plane"."events" USING btree ("occurred_at");--> statement-breakpoint
-- Positions are handed out by sequence_events() only, in commit order of its batches.
CREATE SEQUENCE "control_plane"."event_positions" AS bigint;--> statement-breakpoint
-- A project and an operation as events carry them: the API's field names and formats
-- (times in UTC with milliseconds), without the nested resources and runs a GET adds.
-- Nothing here is a secret: the API shows all of it to the project's organization.
CREATE FUNCTION "control_plane"."event_time"("at" timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;--> statement-breakpoint
CREATE FUNCTION "control_plane"."project_event_view"("p" "control_plane"."projects") RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.jsonb_build_object(
    'id', p.id, 'name', p.name, 'organization_id', p.organization_id, 'owner_id', p.owner_id,
    'region', p.region, 'status', p.state, 'provisioning_status', p.provisioning_status,
    'last_error', p.provisioning_error, 'created_at', control_plane.event_time(p.created_at),
    'updated_at', control_plane.event_time(p.updated_at),
    'provisioned_at', control_plane.event_time(p.provisioned_at))
$$;--> statement-breakpoint
-- A recorded error (`serializeError`) as the API shows it: code, message, retryable, step,
-- SQLSTATE, and the code and message at the end of its causes.
CREATE FUNCTION "control_plane"."recorded_error_view"("e" jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  root jsonb := e;
BEGIN
  IF pg_catalog.jsonb_typeof(e) IS DISTINCT FROM 'object' THEN
    RETURN NULL;
  END IF;
  WHILE pg_catalog.jsonb_typeof(root -> 'cause') = 'object' LOOP
    root := root -> 'cause';
  END LOOP;
  RETURN pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('code', e -> 'code', 'message', e -> 'message',
      'retryable', e -> 'retryable', 'step', e -> 'step', 'sql_state', e -> 'sqlState'))
    || CASE WHEN root IS DISTINCT FROM e
         THEN pg_catalog.jsonb_build_object('root_cause', pg_catalog.jsonb_build_object('code', root -> 'code', 'message', root -> 'message'))
         ELSE '{}'::jsonb END;
END $$;--> statement-breakpoint
CREATE FUNCTION "control_plane"."operation_event_view"("o" "control_plane"."operations") RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.jsonb_build_object(
    'id', o.id, 'project_id', o.project_id, 'kind', o.kind, 'status', o.status,
    'attempts', o.attempts, 'error', control_plane.recorded_error_view(o.error), 'requested_by', o.requested_by,
    'created_at', control_plane.event_time(o.created_at),
    'started_at', control_plane.event_time(o.started_at),
    'finished_at', control_plane.event_time(o.finished_at),
    'updated_at', control_plane.event_time(o.updated_at))
$$;--> statement-breakpoint
-- An operation's events: `operation.<status>` when it is asked for and each time its status
-- changes. Its end is also notified on `operation_ended` (payload: its id), which is what a
-- GET /v1/operations/{id}?wait= waits for.
CREATE FUNCTION "control_plane"."record_operation_event"() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  p control_plane.projects;
BEGIN
  SELECT * INTO p FROM control_plane.projects WHERE id = NEW.project_id;
  INSERT INTO control_plane.events (type, organization_id, project_id, operation_id, data)
  VALUES ('operation.' || NEW.status, p.organization_id, NEW.project_id, NEW.id,
    pg_catalog.jsonb_build_object('operation', control_plane.operation_event_view(NEW),
      'project', control_plane.project_event_view(p)));
  PERFORM pg_catalog.pg_notify('control_plane_events', '');
  IF NEW.status IN ('succeeded', 'failed', 'cancelled') THEN
    PERFORM pg_catalog.pg_notify('operation_ended', NEW.id::text);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A project's events: `project.created`, then `project.<state>` each time its state (the
-- API's `status`) changes.
CREATE FUNCTION "control_plane"."record_project_event"() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO control_plane.events (type, organization_id, project_id, data)
  VALUES (CASE WHEN TG_OP = 'INSERT' THEN 'project.created' ELSE 'project.' || NEW.state END,
    NEW.organization_id, NEW.id, pg_catalog.jsonb_build_object('project', control_plane.project_event_view(NEW)));
  PERFORM pg_catalog.pg_notify('control_plane_events', '');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "operations_created_event" AFTER INSERT ON "control_plane"."operations"
  FOR EACH ROW EXECUTE FUNCTION control_plane.record_operation_event();--> statement-breakpoint
CREATE TRIGGER "operations_status_event" AFTER UPDATE OF status ON "control_plane"."operations"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION control_plane.record_operation_event();--> statement-breakpoint
CREATE TRIGGER "projects_created_event" AFTER INSERT ON "control_plane"."projects"
  FOR EACH ROW EXECUTE FUNCTION control_plane.record_project_event();--> statement-breakpoint
CREATE TRIGGER "projects_state_event" AFTER UPDATE OF status, provisioning_status ON "control_plane"."projects"
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION control_plane.record_project_event();--> statement-breakpoint
-- Gives the events committed so far their positions, oldest id first, and returns how many.
-- One caller at a time (a transaction-level advisory lock, waited for: a caller that went on
-- without stamping could read before another stamper reached the events it must see): a
-- batch's positions are drawn after the previous batch committed, so positions become
-- visible in increasing order, and a reader never passes an event that commits later.
CREATE FUNCTION "control_plane"."sequence_events"() RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  stamped bigint;
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('control_plane.sequence_events', 0));
  UPDATE control_plane.events e SET position = b.position
  FROM (SELECT u.id, pg_catalog.nextval('control_plane.event_positions') AS position
        FROM (SELECT id FROM control_plane.events WHERE position IS NULL ORDER BY id LIMIT 5000) u) b
  WHERE e.id = b.id;
  GET DIAGNOSTICS stamped = ROW_COUNT;
  RETURN stamped;
END $$;
