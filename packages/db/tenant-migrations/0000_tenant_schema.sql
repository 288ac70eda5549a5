-- The tenant schema, in the platform's own schema "platform" (the tenant's objects go in
-- "public"). Databases made before the platform owned them had these tables in "public";
-- the conversion (convertTenantDatabases) moves them here, so they too count this
-- migration as applied. IF NOT EXISTS: the migrations table is created in it first.
CREATE SCHEMA IF NOT EXISTS "platform";
--> statement-breakpoint
CREATE TABLE "platform"."audit_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"resource_type" text,
	"resource_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform"."settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_logs_created_at_idx" ON "platform"."audit_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_action_idx" ON "platform"."audit_logs" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_resource_idx" ON "platform"."audit_logs" USING btree ("resource_type","resource_id");