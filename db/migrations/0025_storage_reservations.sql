CREATE TABLE "storage_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"namespace_id" uuid NOT NULL,
	"repository_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"digest" text NOT NULL,
	"bytes" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "storage_reservations_namespace_id_idx" ON "storage_reservations" USING btree ("namespace_id");