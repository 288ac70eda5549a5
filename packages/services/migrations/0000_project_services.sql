CREATE TABLE "control_plane"."project_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"service_type" text NOT NULL,
	"service_id" text NOT NULL,
	"endpoint" text,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"error_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_services_project_id_service_type_key" UNIQUE("project_id","service_type"),
	CONSTRAINT "project_services_service_type_check" CHECK ("control_plane"."project_services"."service_type" in ('auth', 'realtime', 'storage')),
	CONSTRAINT "project_services_status_check" CHECK ("control_plane"."project_services"."status" in ('active', 'disabled', 'error'))
);
--> statement-breakpoint
ALTER TABLE "control_plane"."project_services" ADD CONSTRAINT "project_services_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE no action ON UPDATE no action;