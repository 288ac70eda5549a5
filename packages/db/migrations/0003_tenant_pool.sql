CREATE TABLE "control_plane"."tenant_pool" (
	"database_name" text PRIMARY KEY NOT NULL,
	"cluster" text NOT NULL,
	"template" text NOT NULL,
	"state" text DEFAULT 'building' NOT NULL,
	"project_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	CONSTRAINT "tenant_pool_state_check" CHECK ("control_plane"."tenant_pool"."state" in ('building', 'ready', 'claimed')),
	CONSTRAINT "tenant_pool_claim_check" CHECK (("control_plane"."tenant_pool"."state" = 'claimed') = ("control_plane"."tenant_pool"."project_id" is not null))
);
--> statement-breakpoint
CREATE INDEX "tenant_pool_ready_idx" ON "control_plane"."tenant_pool" USING btree ("cluster","template","created_at") WHERE "control_plane"."tenant_pool"."state" = 'ready';