-- Operations: what callers asked for (provision, suspend, resume, delete), one queued or
-- running per project at a time; and the step runs of every provisioning attempt, kept
-- after a project is compensated, so a failed provisioning's timeline survives it.
CREATE TABLE "control_plane"."operations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operations_kind_check" CHECK ("control_plane"."operations"."kind" in ('provision', 'suspend', 'resume', 'delete')),
	CONSTRAINT "operations_status_check" CHECK ("control_plane"."operations"."status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "control_plane"."provisioning_step_runs" (
	"attempt_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"error" jsonb,
	CONSTRAINT "provisioning_step_runs_pkey" PRIMARY KEY("attempt_id","step"),
	CONSTRAINT "provisioning_step_runs_status_check" CHECK ("control_plane"."provisioning_step_runs"."status" in ('running', 'completed', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "control_plane"."operations" ADD CONSTRAINT "operations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_plane"."provisioning_step_runs" ADD CONSTRAINT "provisioning_step_runs_attempt_id_provisioning_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "control_plane"."provisioning_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operations_project_idx" ON "control_plane"."operations" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_one_active_per_project" ON "control_plane"."operations" USING btree ("project_id") WHERE "control_plane"."operations"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "provisioning_attempts_job_idx" ON "control_plane"."provisioning_attempts" USING btree ("job_id");