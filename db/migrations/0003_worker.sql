CREATE TABLE "channel_halts" (
	"channel" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"halted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retry_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"locked_until" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"last_started_at" timestamp with time zone,
	"last_ok_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL
);
