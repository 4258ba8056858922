CREATE TABLE "repository_pull_days" (
	"repository_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pulls" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "repository_pull_days_repository_id_day_pk" PRIMARY KEY("repository_id","day")
);
--> statement-breakpoint
CREATE TABLE "repository_tags" (
	"repository_id" uuid NOT NULL,
	"name" text NOT NULL,
	"digest" text NOT NULL,
	"media_type" text NOT NULL,
	"pushed_at" timestamp with time zone NOT NULL,
	"pushed_by" text,
	"last_pulled_at" timestamp with time zone,
	"pull_count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "repository_tags_repository_id_name_pk" PRIMARY KEY("repository_id","name")
);
--> statement-breakpoint
CREATE TABLE "image_manifests" (
	"digest" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"kind" text NOT NULL,
	"size" bigint NOT NULL,
	"platforms" jsonb NOT NULL,
	"config_digest" text,
	"image_created_at" timestamp with time zone,
	"layer_count" integer NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "image_manifests_kind" CHECK ("image_manifests"."kind" in ('image', 'index'))
);
--> statement-breakpoint
CREATE TABLE "index_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"requested_by_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"repositories" integer DEFAULT 0 NOT NULL,
	"tags_added" integer DEFAULT 0 NOT NULL,
	"tags_updated" integer DEFAULT 0 NOT NULL,
	"tags_removed" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "index_reconciliations_status" CHECK ("index_reconciliations"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "repository_pull_days" ADD CONSTRAINT "repository_pull_days_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repository_tags" ADD CONSTRAINT "repository_tags_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_reconciliations" ADD CONSTRAINT "index_reconciliations_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repository_tags_repository_id_pushed_at_idx" ON "repository_tags" USING btree ("repository_id","pushed_at" DESC NULLS LAST,"name");--> statement-breakpoint
CREATE INDEX "repository_tags_digest_idx" ON "repository_tags" USING btree ("digest");--> statement-breakpoint
CREATE UNIQUE INDEX "index_reconciliations_running_scope_idx" ON "index_reconciliations" USING btree ("scope") WHERE "index_reconciliations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "index_reconciliations_scope_started_at_idx" ON "index_reconciliations" USING btree ("scope","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "index_reconciliations_requested_by_id_idx" ON "index_reconciliations" USING btree ("requested_by_id");