-- The HTTP API's own tables: admin tokens (hashes only) and the first answers to
-- Idempotency-Keys (sealed), each kept until it expires.
CREATE TABLE "control_plane"."api_admin_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organization_id" text,
	"token_hash" text NOT NULL,
	"token_start" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_admin_tokens_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "control_plane"."api_idempotency_keys" (
	"token_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "api_idempotency_keys_pkey" PRIMARY KEY("token_id","key")
);
--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_expires_idx" ON "control_plane"."api_idempotency_keys" USING btree ("expires_at");