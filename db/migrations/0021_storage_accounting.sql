CREATE TABLE "namespace_blobs" (
	"namespace_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"repositories" integer NOT NULL,
	CONSTRAINT "namespace_blobs_namespace_id_digest_pk" PRIMARY KEY("namespace_id","digest")
);
--> statement-breakpoint
CREATE TABLE "repository_blobs" (
	"repository_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"size" bigint NOT NULL,
	"tags" integer NOT NULL,
	CONSTRAINT "repository_blobs_repository_id_digest_pk" PRIMARY KEY("repository_id","digest")
);
--> statement-breakpoint
CREATE TABLE "storage_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repository_id" uuid,
	"tag" text,
	"namespace_id" uuid,
	"manifest_digest" text,
	CONSTRAINT "storage_changes_what" CHECK (("storage_changes"."repository_id" is not null and "storage_changes"."tag" is not null) or "storage_changes"."manifest_digest" is not null)
);
--> statement-breakpoint
CREATE TABLE "storage_tags" (
	"repository_id" uuid NOT NULL,
	"name" text NOT NULL,
	"namespace_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"total_size" bigint,
	CONSTRAINT "storage_tags_repository_id_name_pk" PRIMARY KEY("repository_id","name")
);
--> statement-breakpoint
CREATE TABLE "storage_totals" (
	"scope" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"unique_bytes" bigint DEFAULT 0 NOT NULL,
	"tagged_bytes" bigint DEFAULT 0 NOT NULL,
	"pending_tags" integer DEFAULT 0 NOT NULL,
	"described_bytes" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "storage_totals_scope_scope_id_pk" PRIMARY KEY("scope","scope_id"),
	CONSTRAINT "storage_totals_scope" CHECK ("storage_totals"."scope" in ('repository', 'namespace', 'site'))
);
--> statement-breakpoint
CREATE TABLE "stored_blobs" (
	"digest" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"namespaces" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "storage_changes_repository_id_idx" ON "storage_changes" USING btree ("repository_id");--> statement-breakpoint
CREATE INDEX "storage_changes_namespace_id_idx" ON "storage_changes" USING btree ("namespace_id");