CREATE TABLE "manifest_references" (
	"manifest_digest" text NOT NULL,
	"digest" text NOT NULL,
	"kind" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	CONSTRAINT "manifest_references_manifest_digest_digest_pk" PRIMARY KEY("manifest_digest","digest"),
	CONSTRAINT "manifest_references_kind" CHECK ("manifest_references"."kind" in ('config', 'layer', 'manifest'))
);
--> statement-breakpoint
ALTER TABLE "image_manifests" ADD COLUMN "manifest_size" bigint;--> statement-breakpoint
ALTER TABLE "image_manifests" ADD COLUMN "total_size" bigint;--> statement-breakpoint
ALTER TABLE "manifest_references" ADD CONSTRAINT "manifest_references_manifest_digest_image_manifests_digest_fk" FOREIGN KEY ("manifest_digest") REFERENCES "public"."image_manifests"("digest") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "manifest_references_digest_idx" ON "manifest_references" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "image_manifests_unreferenced_idx" ON "image_manifests" USING btree ("digest") WHERE "image_manifests"."manifest_size" is null;