CREATE TABLE "build_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"repository_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_name" text NOT NULL,
	"source_regex" boolean DEFAULT false NOT NULL,
	"tag_template" text NOT NULL,
	"dockerfile_path" text DEFAULT 'Dockerfile' NOT NULL,
	"context_dir" text DEFAULT '.' NOT NULL,
	"build_args" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "build_rules_source_type" CHECK ("build_rules"."source_type" in ('branch', 'tag'))
);
--> statement-breakpoint
CREATE TABLE "build_settings" (
	"repository_id" uuid PRIMARY KEY NOT NULL,
	"git_url" text NOT NULL,
	"credential_kind" text DEFAULT 'none' NOT NULL,
	"credential_enc" text,
	"deploy_public_key" text,
	"webhook_secret_enc" text NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "build_settings_credential_kind" CHECK ("build_settings"."credential_kind" in ('none', 'token', 'deploy_key')),
	CONSTRAINT "build_settings_credential_present" CHECK (("build_settings"."credential_kind" = 'none') = ("build_settings"."credential_enc" is null)
        and ("build_settings"."credential_kind" = 'deploy_key') = ("build_settings"."deploy_public_key" is not null))
);
--> statement-breakpoint
ALTER TABLE "build_rules" ADD CONSTRAINT "build_rules_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_rules" ADD CONSTRAINT "build_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_settings" ADD CONSTRAINT "build_settings_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "build_settings" ADD CONSTRAINT "build_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "build_rules_repository_id_created_at_idx" ON "build_rules" USING btree ("repository_id","created_at");--> statement-breakpoint
CREATE INDEX "build_rules_created_by_id_idx" ON "build_rules" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "build_settings_updated_by_id_idx" ON "build_settings" USING btree ("updated_by_id");