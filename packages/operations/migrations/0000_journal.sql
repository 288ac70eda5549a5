-- The worker's journal. Until @org/worker owned these tables, @org/db's first migration
-- created them: on such a database this adopts the existing tables, rows included (IF NOT
-- EXISTS, constraints added only when missing); on a new one it creates them.
CREATE TABLE IF NOT EXISTS "control_plane"."provisioning_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"job_id" text,
	"attempt" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"error" jsonb,
	"worker_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "provisioning_attempts_status_check" CHECK ("control_plane"."provisioning_attempts"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "control_plane"."provisioning_results" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "control_plane"."provisioning_steps" (
	"project_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"output" jsonb,
	"error" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "provisioning_steps_pkey" PRIMARY KEY("project_id","step"),
	CONSTRAINT "provisioning_steps_status_check" CHECK ("control_plane"."provisioning_steps"."status" in ('running', 'completed', 'failed'))
);
--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "control_plane"."provisioning_attempts" ADD CONSTRAINT "provisioning_attempts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "control_plane"."provisioning_results" ADD CONSTRAINT "provisioning_results_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "control_plane"."provisioning_steps" ADD CONSTRAINT "provisioning_steps_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "provisioning_attempts_project_idx" ON "control_plane"."provisioning_attempts" USING btree ("project_id","started_at");