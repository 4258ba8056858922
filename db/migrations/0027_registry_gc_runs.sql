CREATE TABLE "registry_gc_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"requested_by_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"scheduled_for" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"owner_hostname" text,
	"owner_pid" integer,
	"heartbeat_at" timestamp with time zone,
	"read_only_since" timestamp with time zone,
	"read_only_until" timestamp with time zone,
	"predicted_bytes" bigint,
	"bytes_before" bigint,
	"bytes_after" bigint,
	"blobs_before" integer,
	"blobs_removed" integer,
	"log" text DEFAULT '' NOT NULL,
	"error" text,
	CONSTRAINT "registry_gc_runs_status" CHECK ("registry_gc_runs"."status" in ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
	CONSTRAINT "registry_gc_runs_trigger" CHECK ("registry_gc_runs"."trigger" in ('manual', 'schedule'))
);
--> statement-breakpoint
ALTER TABLE "registry_gc_runs" ADD CONSTRAINT "registry_gc_runs_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registry_gc_runs_one_active_idx" ON "registry_gc_runs" USING btree ((true)) WHERE "registry_gc_runs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "registry_gc_runs_scheduled_for_idx" ON "registry_gc_runs" USING btree ("scheduled_for");--> statement-breakpoint
CREATE INDEX "registry_gc_runs_created_at_idx" ON "registry_gc_runs" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "registry_gc_runs_requested_by_id_idx" ON "registry_gc_runs" USING btree ("requested_by_id");