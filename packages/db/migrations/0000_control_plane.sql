CREATE SCHEMA IF NOT EXISTS "control_plane";
--> statement-breakpoint
CREATE TABLE "control_plane"."project_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_resources_project_type_resource_key" UNIQUE("project_id","resource_type","resource_id"),
	CONSTRAINT "project_resources_resource_type_check" CHECK ("control_plane"."project_resources"."resource_type" in ('databases', 'api_keys', 'services', 'storage'))
);
--> statement-breakpoint
CREATE TABLE "control_plane"."projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"provisioning_status" text DEFAULT 'pending' NOT NULL,
	"provisioning_step" text,
	"provisioning_error" text,
	"region" text NOT NULL,
	"owner_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provisioned_at" timestamp with time zone,
	CONSTRAINT "projects_status_check" CHECK ("control_plane"."projects"."status" in ('active', 'suspended', 'deleted')),
	CONSTRAINT "projects_provisioning_status_check" CHECK ("control_plane"."projects"."provisioning_status" in ('pending', 'provisioning', 'provisioned', 'failed', 'deprovisioning', 'deprovisioned'))
);
--> statement-breakpoint
ALTER TABLE "control_plane"."project_resources" ADD CONSTRAINT "project_resources_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "control_plane"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_resources_type_resource_idx" ON "control_plane"."project_resources" USING btree ("resource_type","resource_id");--> statement-breakpoint
CREATE INDEX "projects_organization_idx" ON "control_plane"."projects" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_provisioning_status_idx" ON "control_plane"."projects" USING btree ("provisioning_status");