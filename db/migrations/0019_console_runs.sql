CREATE TABLE "console_run_repositories" (
	"run_id" uuid NOT NULL,
	"repository" text NOT NULL,
	CONSTRAINT "console_run_repositories_run_id_repository_pk" PRIMARY KEY("run_id","repository")
);
--> statement-breakpoint
CREATE TABLE "console_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "console_run_repositories" ADD CONSTRAINT "console_run_repositories_run_id_console_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."console_runs"("id") ON DELETE cascade ON UPDATE no action;