CREATE TABLE "immutable_tag_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"namespace_id" uuid NOT NULL,
	"repository_pattern" text NOT NULL,
	"tag_pattern" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "immutable_tag_rules" ADD CONSTRAINT "immutable_tag_rules_namespace_id_namespaces_id_fk" FOREIGN KEY ("namespace_id") REFERENCES "public"."namespaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immutable_tag_rules" ADD CONSTRAINT "immutable_tag_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "immutable_tag_rules_namespace_id_idx" ON "immutable_tag_rules" USING btree ("namespace_id","created_at");