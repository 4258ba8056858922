CREATE TYPE "public"."repository_status" AS ENUM('active', 'deleting');--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"namespace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"visibility" "visibility" NOT NULL,
	"status" "repository_status" DEFAULT 'active' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"overview" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_pushed_at" timestamp with time zone,
	"pull_count" bigint DEFAULT 0 NOT NULL,
	"star_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "repositories_namespace_id_name_unique" UNIQUE("namespace_id","name"),
	CONSTRAINT "repositories_name_format" CHECK ("repositories"."name" ~ '^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$' and length("repositories"."name") <= 200),
	CONSTRAINT "repositories_description_length" CHECK (length("repositories"."description") <= 100)
);
--> statement-breakpoint
CREATE TABLE "registry_refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"personal_access_token_id" uuid,
	"token_hash" text NOT NULL,
	"client_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "registry_refresh_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_namespace_id_namespaces_id_fk" FOREIGN KEY ("namespace_id") REFERENCES "public"."namespaces"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_refresh_tokens" ADD CONSTRAINT "registry_refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_refresh_tokens" ADD CONSTRAINT "registry_refresh_tokens_personal_access_token_id_personal_access_tokens_id_fk" FOREIGN KEY ("personal_access_token_id") REFERENCES "public"."personal_access_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repositories_created_by_id_idx" ON "repositories" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "repositories_visibility_idx" ON "repositories" USING btree ("visibility");--> statement-breakpoint
CREATE INDEX "registry_refresh_tokens_user_id_idx" ON "registry_refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "registry_refresh_tokens_pat_id_idx" ON "registry_refresh_tokens" USING btree ("personal_access_token_id");