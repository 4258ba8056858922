CREATE TABLE "registry_pull_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repository_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"pulled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_pull_queue" ADD CONSTRAINT "registry_pull_queue_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_pull_queue_repository_id_idx" ON "registry_pull_queue" USING btree ("repository_id");