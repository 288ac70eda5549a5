-- Suspension per owner, not per key: one row suspends every key of a project, those issued
-- while it is suspended included, and removing it gives each key back the state it had.
CREATE TABLE "control_plane"."api_key_suspensions" (
	"project_id" text PRIMARY KEY NOT NULL,
	"suspended_at" timestamp with time zone DEFAULT now() NOT NULL
);
