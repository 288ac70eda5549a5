-- Every operation's runs in one journal: a lifecycle operation's runs move from its
-- append-only `operations.events` into the attempts and step runs provisionings already
-- use (each attempt says its operation's kind), and the column goes.
ALTER TABLE "control_plane"."provisioning_attempts" ADD COLUMN "kind" text DEFAULT 'provision' NOT NULL;--> statement-breakpoint
ALTER TABLE "control_plane"."provisioning_attempts" ADD CONSTRAINT "provisioning_attempts_kind_check" CHECK ("control_plane"."provisioning_attempts"."kind" in ('provision', 'suspend', 'resume', 'delete', 'reset_password'));--> statement-breakpoint
-- One attempt per 'attempt' event, ended by its 'attempt-succeeded' or 'attempt-failed' if any;
-- one left open by a later one was lost with its worker (as the report used to fold it).
INSERT INTO "control_plane"."provisioning_attempts" ("project_id", "job_id", "attempt", "kind", "status", "error", "started_at", "finished_at")
SELECT o."project_id", o."id"::text, (e."value"->>'attempt')::int, o."kind",
  CASE WHEN f."value" IS NOT NULL THEN (CASE WHEN f."value"->>'type' = 'attempt-succeeded' THEN 'succeeded' ELSE 'failed' END)
       WHEN later."at" IS NOT NULL THEN 'failed' ELSE 'running' END,
  CASE WHEN f."value" IS NOT NULL THEN f."value"->'error'
       WHEN later."at" IS NOT NULL THEN '{"code":"WORKER_LOST","message":"the worker running this attempt stopped","retryable":true}'::jsonb END,
  (e."value"->>'at')::timestamptz, coalesce((f."value"->>'at')::timestamptz, later."at")
FROM "control_plane"."operations" o
CROSS JOIN LATERAL jsonb_array_elements(o."events") e
LEFT JOIN LATERAL (SELECT x."value" FROM jsonb_array_elements(o."events") x
  WHERE x."value"->>'type' IN ('attempt-succeeded', 'attempt-failed') AND x."value"->>'attempt' = e."value"->>'attempt' LIMIT 1) f ON true
LEFT JOIN LATERAL (SELECT min((x."value"->>'at')::timestamptz) AS "at" FROM jsonb_array_elements(o."events") x
  WHERE x."value"->>'type' = 'attempt' AND (x."value"->>'attempt')::int > (e."value"->>'attempt')::int) later ON true
WHERE o."kind" <> 'provision' AND e."value"->>'type' = 'attempt';--> statement-breakpoint
-- One step run per step and attempt: started at its 'running' event, ended by its last one.
INSERT INTO "control_plane"."provisioning_step_runs" ("attempt_id", "step", "status", "started_at", "finished_at", "duration_ms", "error")
SELECT DISTINCT ON (a."id", s."value"->>'step') a."id", s."value"->>'step',
  CASE WHEN s."value"->>'status' = 'running' AND a."status" <> 'running' THEN 'failed' ELSE s."value"->>'status' END,
  coalesce((SELECT min((x."value"->>'at')::timestamptz) FROM jsonb_array_elements(o."events") x
    WHERE x."value"->>'type' = 'step' AND x."value"->>'attempt' = s."value"->>'attempt' AND x."value"->>'step' = s."value"->>'step'), (s."value"->>'at')::timestamptz),
  CASE WHEN s."value"->>'status' = 'running' THEN a."finished_at" ELSE (s."value"->>'at')::timestamptz END,
  (s."value"->>'durationMs')::int,
  CASE WHEN s."value"->>'status' = 'running' AND a."status" <> 'running' THEN a."error" ELSE s."value"->'error' END
FROM "control_plane"."operations" o
CROSS JOIN LATERAL jsonb_array_elements(o."events") WITH ORDINALITY s("value", "n")
JOIN "control_plane"."provisioning_attempts" a ON a."job_id" = o."id"::text AND a."attempt" = (s."value"->>'attempt')::int
WHERE o."kind" <> 'provision' AND s."value"->>'type' = 'step'
ORDER BY a."id", s."value"->>'step', s."n" DESC;--> statement-breakpoint
ALTER TABLE "control_plane"."operations" DROP COLUMN "events";
