CREATE TABLE "storage_quota_levels" (
	"namespace_id" uuid PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	CONSTRAINT "storage_quota_levels_level" CHECK ("storage_quota_levels"."level" in (0, 80, 100))
);
--> statement-breakpoint
CREATE TABLE "storage_snapshots" (
	"day" date NOT NULL,
	"scope" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"unique_bytes" bigint NOT NULL,
	"tagged_bytes" bigint NOT NULL,
	CONSTRAINT "storage_snapshots_day_scope_scope_id_pk" PRIMARY KEY("day","scope","scope_id"),
	CONSTRAINT "storage_snapshots_scope" CHECK ("storage_snapshots"."scope" in ('namespace', 'site'))
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_kind";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind";--> statement-breakpoint
ALTER TABLE "namespaces" ADD COLUMN "storage_quota_override" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "namespaces" ADD COLUMN "storage_quota_bytes" bigint;--> statement-breakpoint
ALTER TABLE "namespaces" ADD CONSTRAINT "namespaces_storage_quota" CHECK (("namespaces"."storage_quota_override" or "namespaces"."storage_quota_bytes" is null) and ("namespaces"."storage_quota_bytes" is null or "namespaces"."storage_quota_bytes" > 0));--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_kind" CHECK ("notification_preferences"."kind" in ('repository_push', 'own_push', 'new_sign_in', 'token_created', 'token_expiring', 'two_factor_changed', 'organization_invitation', 'storage_quota'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind" CHECK ("notifications"."kind" in ('repository_push', 'own_push', 'new_sign_in', 'token_created', 'token_expiring', 'two_factor_changed', 'organization_invitation', 'storage_quota'));