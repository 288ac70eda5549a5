ALTER TABLE "control_plane"."projects" ADD COLUMN "state" text GENERATED ALWAYS AS (case
          when status = 'deleted' or provisioning_status = 'deprovisioned' then 'deleted'
          when provisioning_status = 'deprovisioning' then 'deleting'
          when provisioning_status = 'failed' then 'failed'
          when status = 'suspended' then 'suspended'
          when provisioning_status = 'provisioned' then 'active'
          when provisioning_status = 'provisioning' then 'provisioning'
          else 'pending' end) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "control_plane"."projects" USING btree ("state","created_at","id");