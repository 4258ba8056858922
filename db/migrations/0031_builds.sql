CREATE TABLE "build_log_chunks" (
	"build_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "build_log_chunks_build_id_seq_pk" PRIMARY KEY("build_id","seq")
);
--> statement-breakpoint
CREATE TABLE "builds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repository_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"rule_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"trigger_source" text,
	"retry_of_id" uuid,
	"started_by_id" uuid,
	"ref" text NOT NULL,
	"commit" text,
	"recipe" jsonb NOT NULL,
	"image_tag" text,
	"digest" text,
	"error" text,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"push_secret_hash" text,
	"worker_id" text,
	"log_bytes" bigint DEFAULT 0 NOT NULL,
	"log_truncated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "builds_status" CHECK ("builds"."status" in ('queued', 'cloning', 'building', 'pushing', 'succeeded', 'failed', 'cancelled')),
	CONSTRAINT "builds_trigger" CHECK ("builds"."trigger" in ('manual', 'webhook', 'retry'))
);
--> statement-breakpoint
ALTER TABLE "webhooks" DROP CONSTRAINT "webhooks_events";--> statement-breakpoint
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_kind";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind";--> statement-breakpoint
ALTER TABLE "build_log_chunks" ADD CONSTRAINT "build_log_chunks_build_id_builds_id_fk" FOREIGN KEY ("build_id") REFERENCES "public"."builds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builds" ADD CONSTRAINT "builds_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builds" ADD CONSTRAINT "builds_rule_id_build_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."build_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builds" ADD CONSTRAINT "builds_started_by_id_users_id_fk" FOREIGN KEY ("started_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "builds_repository_id_number_idx" ON "builds" USING btree ("repository_id","number");--> statement-breakpoint
CREATE INDEX "builds_repository_id_created_at_idx" ON "builds" USING btree ("repository_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "builds_rule_id_idx" ON "builds" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "builds_started_by_id_idx" ON "builds" USING btree ("started_by_id");--> statement-breakpoint
CREATE INDEX "builds_active_idx" ON "builds" USING btree ("status") WHERE "builds"."status" in ('queued', 'cloning', 'building', 'pushing');--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_events" CHECK (cardinality("webhooks"."events") > 0 and "webhooks"."events" <@ array['push', 'tag_deleted', 'repository_deleted', 'build_succeeded', 'build_failed']::text[]);--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_kind" CHECK ("notification_preferences"."kind" in ('repository_push', 'own_push', 'new_sign_in', 'token_created', 'token_expiring', 'two_factor_changed', 'organization_invitation', 'storage_quota', 'build_finished'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind" CHECK ("notifications"."kind" in ('repository_push', 'own_push', 'new_sign_in', 'token_created', 'token_expiring', 'two_factor_changed', 'organization_invitation', 'storage_quota', 'build_finished'));