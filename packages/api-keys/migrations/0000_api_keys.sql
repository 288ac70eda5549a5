CREATE TABLE "control_plane"."api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_start" text NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] DEFAULT ARRAY['read', 'write']::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_used" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"replaced_by" text,
	"created_by" text DEFAULT 'system' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_key" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE INDEX "api_keys_project_active_idx" ON "control_plane"."api_keys" USING btree ("project_id") WHERE "control_plane"."api_keys"."is_active";