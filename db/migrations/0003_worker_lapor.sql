CREATE TABLE "lapor_followups" (
	"lapor_followup_id" text PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lapor_mappings" (
	"kind" text NOT NULL,
	"local_code" text NOT NULL,
	"lapor_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "lapor_mappings_kind_local_code_pk" PRIMARY KEY("kind","local_code")
);
--> statement-breakpoint
CREATE TABLE "lapor_quarantine" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"adapter_version" text NOT NULL,
	"reason" text NOT NULL,
	"raw" text NOT NULL,
	"fingerprint" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	CONSTRAINT "lapor_quarantine_fingerprint_unique" UNIQUE("fingerprint")
);
--> statement-breakpoint
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
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "lapor_tracking_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivered_via" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "lapor_followups" ADD CONSTRAINT "lapor_followups_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapor_mappings" ADD CONSTRAINT "lapor_mappings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lapor_quarantine" ADD CONSTRAINT "lapor_quarantine_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lapor_mappings_lapor_uq" ON "lapor_mappings" USING btree ("kind","lapor_id");--> statement-breakpoint
CREATE INDEX "lapor_quarantine_open_idx" ON "lapor_quarantine" USING btree ("resolved_at","received_at");