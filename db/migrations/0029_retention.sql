CREATE TABLE "retention_policies" (
	"namespace_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"schedule_kind" text DEFAULT 'none' NOT NULL,
	"schedule_cron" text,
	"next_run_at" timestamp with time zone,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_policies_schedule_kind" CHECK ("retention_policies"."schedule_kind" in ('none', 'daily', 'weekly', 'cron'))
);
--> statement-breakpoint
CREATE TABLE "retention_run_repositories" (
	"run_id" uuid NOT NULL,
	"repository" text NOT NULL,
	"retained_count" integer NOT NULL,
	"deleted_count" integer NOT NULL,
	"bytes_freed" bigint NOT NULL,
	"retained_artifacts" jsonb NOT NULL,
	"deleted_artifacts" jsonb NOT NULL,
	"untouched_untagged" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "retention_run_repositories_run_id_repository_pk" PRIMARY KEY("run_id","repository")
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"namespace_id" uuid NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"triggered_by_id" uuid,
	"scheduled_for" timestamp with time zone,
	"rules" jsonb NOT NULL,
	"repositories" integer DEFAULT 0 NOT NULL,
	"retained" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"bytes_freed" bigint DEFAULT 0 NOT NULL,
	"untagged_listed" boolean,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "retention_runs_status" CHECK ("retention_runs"."status" in ('queued', 'running', 'succeeded', 'failed')),
	CONSTRAINT "retention_runs_trigger" CHECK ("retention_runs"."trigger" in ('manual', 'schedule'))
);
--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_namespace_id_namespaces_id_fk" FOREIGN KEY ("namespace_id") REFERENCES "public"."namespaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_run_repositories" ADD CONSTRAINT "retention_run_repositories_run_id_retention_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."retention_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_namespace_id_namespaces_id_fk" FOREIGN KEY ("namespace_id") REFERENCES "public"."namespaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_triggered_by_id_users_id_fk" FOREIGN KEY ("triggered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_policies_next_run_at_idx" ON "retention_policies" USING btree ("next_run_at") WHERE "retention_policies"."next_run_at" is not null;--> statement-breakpoint
CREATE INDEX "retention_runs_namespace_id_created_at_idx" ON "retention_runs" USING btree ("namespace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "retention_runs_one_active_idx" ON "retention_runs" USING btree ("namespace_id") WHERE "retention_runs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "retention_runs_scheduled_slot_idx" ON "retention_runs" USING btree ("namespace_id","scheduled_for");